// The binary's global operator new/delete: bump allocation when a command
// turned it on (base/allocator.h, EnableBumpAllocation), malloc otherwise.
// Linked into the airlock executable only, so the unit tests and the
// sanitizer builds keep the standard operators.
#include <cstdlib>
#include <new>

#include "base/allocator.h"

namespace {

constexpr size_t kDefaultAlign = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

void* Allocate(size_t size, size_t align) {
  if (void* p = airlock::bump::Allocate(size, align)) return p;
  if (size == 0) size = 1;
  void* p = align <= kDefaultAlign
                ? std::malloc(size)
                : std::aligned_alloc(align, (size + align - 1) & ~(align - 1));
  return p;
}

void* AllocateOrThrow(size_t size, size_t align) {
  void* p = Allocate(size, align);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void Release(void* p) {
  if (p != nullptr && !airlock::bump::Owns(p)) std::free(p);
}

}  // namespace

void* operator new(size_t n) { return AllocateOrThrow(n, kDefaultAlign); }
void* operator new[](size_t n) { return AllocateOrThrow(n, kDefaultAlign); }
void* operator new(size_t n, std::align_val_t a) {
  return AllocateOrThrow(n, static_cast<size_t>(a));
}
void* operator new[](size_t n, std::align_val_t a) {
  return AllocateOrThrow(n, static_cast<size_t>(a));
}
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  return Allocate(n, kDefaultAlign);
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
  return Allocate(n, kDefaultAlign);
}
void* operator new(size_t n, std::align_val_t a,
                   const std::nothrow_t&) noexcept {
  return Allocate(n, static_cast<size_t>(a));
}
void* operator new[](size_t n, std::align_val_t a,
                     const std::nothrow_t&) noexcept {
  return Allocate(n, static_cast<size_t>(a));
}

void operator delete(void* p) noexcept { Release(p); }
void operator delete[](void* p) noexcept { Release(p); }
void operator delete(void* p, size_t) noexcept { Release(p); }
void operator delete[](void* p, size_t) noexcept { Release(p); }
void operator delete(void* p, std::align_val_t) noexcept { Release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { Release(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { Release(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept {
  Release(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { Release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { Release(p); }
void operator delete(void* p, std::align_val_t,
                     const std::nothrow_t&) noexcept {
  Release(p);
}
void operator delete[](void* p, std::align_val_t,
                       const std::nothrow_t&) noexcept {
  Release(p);
}
