#include "base/allocator.h"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace airlock {

void TuneAllocator() {
  constexpr size_t kHuge = size_t{2} << 20;
  constexpr size_t kBlock = size_t{16} << 20;  // below glibc's mmap maximum
  constexpr int kBlocks = 8;                   // 128 MB of address space
  // Keep blocks of up to 32 MB on the heap (so they are advised too) and
  // keep freed heap memory instead of returning and re-faulting it.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_TOP_PAD, static_cast<int>(kHuge));
  // Grow the heap (contiguous: brk) by kBlocks * kBlock, advise the range,
  // and give it back to malloc: it becomes the top chunk, untouched until
  // used.
  void* blocks[kBlocks] = {};
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  for (void*& b : blocks) {
    b = std::malloc(kBlock);
    if (b == nullptr) break;
    auto p = reinterpret_cast<uintptr_t>(b);
    lo = std::min(lo, p);
    hi = std::max(hi, p + kBlock);
  }
  uintptr_t aligned = (lo + kHuge - 1) & ~(kHuge - 1);
  uintptr_t end = hi & ~(kHuge - 1);
  if (hi != 0 && end > aligned) {
    madvise(reinterpret_cast<void*>(aligned), end - aligned, MADV_HUGEPAGE);
  }
  for (void* b : blocks) std::free(b);
}

}  // namespace airlock
