// fmt's compiled half, built into airlock so that the binary does not need
// libfmt.so at run time (Debian ships fmt as headers + a shared library
// only; see AIRLOCK_STATIC_DEPS in the top-level CMakeLists.txt). The
// non-template functions come from format-inl.h; the templates fmt keeps out
// of its headers are instantiated here for `char`.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template FMT_API auto dragonbox::to_decimal(float x) noexcept
    -> dragonbox::decimal_fp<float>;
template FMT_API auto dragonbox::to_decimal(double x) noexcept
    -> dragonbox::decimal_fp<double>;
template FMT_API auto locale_ref::get<std::locale>() const -> std::locale;
template FMT_API auto thousands_sep_impl(locale_ref)
    -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;

}  // namespace detail
FMT_END_NAMESPACE
