// Process-wide allocator tuning, called once at the top of main().
//
// Parsing a large schema allocates tens of MB in small pieces; on a VM each
// first touch of a 4 KB page is a costly fault (8,400 faults were 60% of
// `validate` on 1,000 models). Letting the kernel back the heap with 2 MB
// transparent huge pages (it is in "madvise" mode on Debian) cuts the faults
// six-fold. Memory is still only used when touched.
#pragma once

namespace airlock {

void TuneAllocator();

}  // namespace airlock
