// Column-aligned text tables for the formatter, with the exact layout rules
// of `prisma format`: each block is a sequence of tables separated by blank
// lines; within a table, the columns of regular rows (field name, type,
// attributes / key, `= value`) are padded to the widest cell (width in bytes,
// as Prisma measures it) plus one space, trailing empty cells are dropped, a
// row's suffix (its trailing comment) follows after one space and does not
// take part in the layout, and interleaved rows (comments, invalid lines) are
// printed as they are.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace airlock::schema::format {

// The output stream with indentation: text written at the start of a line is
// preceded by the current indentation.
class Renderer {
 public:
  explicit Renderer(int indent_width = 2) : indent_width_(indent_width) {}
  void Write(std::string_view text);
  void EndLine() { out_ += '\n'; }
  void IndentUp() { ++indent_; }
  void IndentDown() {
    if (indent_ > 0) --indent_;
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
  int indent_ = 0;
  int indent_width_;
};

class Table {
 public:
  // Starts a new regular row (an empty one renders as a blank line).
  void NewRow();
  // The cell `column` of the current regular row (created empty as needed).
  // On an interleaved row, its text.
  std::string& Cell(size_t column);
  // Appends to the current row's suffix (trailing comment).
  void AppendSuffix(std::string_view text);
  // Adds a row printed as is.
  void Interleave(std::string_view text);
  bool empty() const { return rows_.empty(); }
  // Writes every row, one per line, and clears the table.
  void Render(Renderer& r);

 private:
  struct Row {
    bool interleaved = false;
    std::vector<std::string> cells;  // regular row
    std::string text;                // suffix, or the interleaved text
  };
  std::vector<Row> rows_;
};

}  // namespace airlock::schema::format
