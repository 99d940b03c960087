#!/usr/bin/env python3
"""Writes a large, valid Prisma schema: N models x F fields (default 1,000 x 20),
with relations, indexes, enums, native types and defaults — the benchmark input
for validate, format and migrate diff.

usage: gen_schema.py OUT [--models N] [--fields F] [--provider P] [--variant K]
--variant changes some columns so that two files differ (for diff benchmarks).
"""
import argparse

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--models", type=int, default=1000)
p.add_argument("--fields", type=int, default=20)
p.add_argument("--provider", default="postgresql")
p.add_argument("--variant", type=int, default=0)
a = p.parse_args()

lines = ['generator client {\n  provider = "prisma-client-js"\n}\n',
         f'datasource db {{\n  provider = "{a.provider}"\n  url      = env("DATABASE_URL")\n}}\n',
         "enum Status {\n  ACTIVE\n  INACTIVE\n  ARCHIVED\n}\n"]
for m in range(a.models):
    body = ["  id        Int      @id @default(autoincrement())"]
    n = 1
    if m > 0:
        body.append(f"  parentId  Int?")
        body.append(f"  parent    Model{m - 1}? @relation(fields: [parentId], references: [id])")
        n += 2
    if m + 1 < a.models:
        body.append(f"  children  Model{m + 1}[]")
        n += 1
    body.append("  status    Status   @default(ACTIVE)")
    body.append("  createdAt DateTime @default(now())")
    n += 2
    k = 0
    while n < a.fields:
        kind = k % 5
        optional = "?" if (k + a.variant) % 7 == 0 and m % 3 == 0 else ""
        if kind == 0:
            body.append(f"  name{k}   String{optional} @db.VarChar(191)" if a.provider != "sqlite"
                        else f"  name{k}   String{optional}")
        elif kind == 1:
            body.append(f"  count{k}  Int{optional} @default(0)")
        elif kind == 2:
            body.append(f"  flag{k}   Boolean{optional} @default(false)")
        elif kind == 3:
            body.append(f"  amount{k} Float{optional}")
        else:
            body.append(f"  note{k}   String{optional} // free text")
        k += 1
        n += 1
    body.append("")
    body.append("  @@index([createdAt])")
    if m % 2 == 0:
        body.append("  @@unique([name0, count1])")
    body.append(f'  @@map("model_{m}")')
    lines.append(f"/// Model number {m}\nmodel Model{m} {{\n" + "\n".join(body) + "\n}\n")
with open(a.out, "w") as f:
    f.write("\n".join(lines))
