#include "schema/format_table.h"

#include <algorithm>

namespace airlock::schema::format {

void Renderer::Write(std::string_view text) {
  if (out_.empty() || out_.back() == '\n')
    out_.append(static_cast<size_t>(indent_ * indent_width_), ' ');
  out_.append(text);
}

void Table::NewRow() { rows_.push_back(Row{}); }

std::string& Table::Cell(size_t column) {
  if (rows_.empty()) NewRow();
  Row& row = rows_.back();
  if (row.interleaved) return row.text;
  if (row.cells.size() < column + 1) row.cells.resize(column + 1);
  return row.cells[column];
}

void Table::AppendSuffix(std::string_view text) {
  if (rows_.empty() || rows_.back().interleaved) NewRow();
  rows_.back().text.append(text);
}

void Table::Interleave(std::string_view text) {
  Row row;
  row.interleaved = true;
  row.text = std::string(text);
  rows_.push_back(std::move(row));
}

void Table::Render(Renderer& r) {
  std::vector<size_t> widths;
  for (Row& row : rows_) {
    if (row.interleaved) continue;
    while (!row.cells.empty() && row.cells.back().empty()) row.cells.pop_back();
    if (widths.size() < row.cells.size()) widths.resize(row.cells.size());
    for (size_t i = 0; i < row.cells.size(); ++i)
      widths[i] = std::max(widths[i], row.cells[i].size());
  }
  for (const Row& row : rows_) {
    if (row.interleaved) {
      r.Write(row.text);
    } else {
      for (size_t i = 0; i < row.cells.size(); ++i) {
        r.Write(row.cells[i]);
        if (i + 1 < row.cells.size())
          r.Write(std::string(widths[i] - row.cells[i].size() + 1, ' '));
      }
      if (!row.text.empty()) {
        if (!row.cells.empty()) r.Write(" ");
        r.Write(row.text);
      }
    }
    r.EndLine();
  }
  rows_.clear();
}

}  // namespace airlock::schema::format
