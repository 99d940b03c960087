// Process-wide allocator tuning, called once at the top of main().
//
// Parsing a large schema allocates tens of MB in small pieces; on a VM each
// first touch of a 4 KB page is a costly fault (8,400 faults were 60% of
// `validate` on 1,000 models). Letting the kernel back the heap with 2 MB
// transparent huge pages (it is in "madvise" mode on Debian) cuts the faults
// six-fold. Memory is still only used when touched.
//
// Short commands whose memory is bounded by their input (validate, format,
// migrate diff) can go further with EnableBumpAllocation(): from then on the
// binary's operator new (cli/operator_new.cc) hands out memory from one
// huge-page region by moving a pointer, and operator delete of that memory
// does nothing: the process exits soon and the kernel takes it all back.
// malloc/free were a third of `migrate diff` on 1,000 models, most of it
// freeing the syntax tree piece by piece. The region is reserved, not
// committed; when it is used up, allocation falls back to malloc.
#pragma once

#include <cstddef>

namespace airlock {

void TuneAllocator();

// Turns bump allocation on for the rest of the process (idempotent).
void EnableBumpAllocation();

namespace bump {
// Memory of `size` bytes aligned to `align` (a power of two, at most 4096)
// from the bump region, or nullptr when bump allocation is off or the region
// is used up.
void* Allocate(size_t size, size_t align);
// Whether `p` came from Allocate (and so must not be passed to free).
bool Owns(const void* p);
}  // namespace bump

}  // namespace airlock
