#include "base/allocator.h"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
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

namespace {

// 4 GB of address space; pages are committed only as the pointer reaches
// them.
constexpr size_t kBumpReserve = size_t{4} << 30;
std::atomic<uintptr_t> g_next{0};
uintptr_t g_begin = 0;  // set once, before g_next becomes non-zero
uintptr_t g_end = 0;

}  // namespace

void EnableBumpAllocation() {
  if (g_begin != 0) return;
  void* region = mmap(nullptr, kBumpReserve, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (region == MAP_FAILED) return;  // stay on malloc
  madvise(region, kBumpReserve, MADV_HUGEPAGE);
  g_begin = reinterpret_cast<uintptr_t>(region);
  g_end = g_begin + kBumpReserve;
  g_next.store(g_begin, std::memory_order_release);
}

namespace bump {

void* Allocate(size_t size, size_t align) {
  uintptr_t cur = g_next.load(std::memory_order_relaxed);
  if (cur == 0) return nullptr;
  if (size == 0) size = 1;
  for (;;) {
    uintptr_t start = (cur + align - 1) & ~(uintptr_t{align} - 1);
    if (start + size < start || start + size > g_end) return nullptr;
    if (g_next.compare_exchange_weak(cur, start + size,
                                     std::memory_order_relaxed)) {
      return reinterpret_cast<void*>(start);
    }
  }
}

bool Owns(const void* p) {
  auto a = reinterpret_cast<uintptr_t>(p);
  return a >= g_begin && a < g_end;
}

}  // namespace bump

}  // namespace airlock
