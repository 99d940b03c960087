// Renderers: migration steps -> SQL text, one implementation per dialect
// (sqlite_renderer.cc, mysql_renderer.cc, postgres_renderer.cc), producing
// Prisma's migration.sql byte for byte. Every identifier and literal goes
// through the dialect's QuoteIdent/QuoteString.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diff/migration.h"

namespace airlock::render {

using diff::Migration;
using diff::Step;
using sqlschema::SqlSchema;

// `value` between two `quote` characters, each `quote` inside doubled.
std::string QuoteDoubling(std::string_view value, char quote);

class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual std::string QuoteIdent(std::string_view name) const = 0;
  // A string literal: single quotes, doubled inside (every dialect).
  virtual std::string QuoteString(std::string_view value) const {
    return QuoteDoubling(value, '\'');
  }
  // The statements of one step, without trailing `;`. May be empty.
  virtual std::vector<std::string> RenderStep(const Step& step,
                                              const SqlSchema& previous,
                                              const SqlSchema& next) const = 0;
};

const Renderer& RendererFor(sqlschema::Provider provider);

// Prisma's migration.sql text: the warnings block, then `-- StepName` and the
// statements of each step; "-- This is an empty migration." when empty.
std::string RenderScript(const Migration& migration,
                         const std::vector<std::string>& warnings = {});

// What `prisma migrate diff --script` prints: the script and one newline
// (two after the empty-migration comment, as Prisma 6.19 prints it).
std::string RenderScriptForStdout(const Migration& migration);

}  // namespace airlock::render
