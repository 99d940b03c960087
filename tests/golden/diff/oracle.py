#!/usr/bin/env python3
"""Fills the `=== expected` section of golden diff cases with real Prisma's
output (shared/tools/prisma-oracle, Prisma 6.19.3).

Usage: oracle.py [CASE.golden ...]   (default: every cases/*.golden)
PostgreSQL cases need ORACLE_PG_URL (a throwaway server, see TESTING.md).
The expectation is the exact stdout of `prisma migrate diff --script`.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.join(HERE, "../../../../shared/tools/prisma-oracle/prisma-oracle")


def parse(path):
    sections, name, lines = {}, None, []
    header = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line.startswith("=== "):
                if name:
                    sections[name] = "\n".join(lines)
                name, lines = line[4:].strip(), []
            elif name is None:
                header.append(line)
            else:
                lines.append(line)
    if name:
        sections[name] = "\n".join(lines)
    return header, sections


def main():
    cases = sys.argv[1:] or sorted(
        os.path.join(HERE, "cases", f) for f in os.listdir(os.path.join(HERE, "cases"))
        if f.endswith(".golden"))
    for path in cases:
        header, sections = parse(path)
        provider = os.path.basename(path).split(".")[-2]
        env = dict(os.environ)
        if provider == "postgresql":
            env["DATABASE_URL"] = os.environ["ORACLE_PG_URL"]
        with tempfile.TemporaryDirectory() as tmp:
            args = [ORACLE, "diff", "--provider", provider]
            if "from.prisma" in sections:
                with open(os.path.join(tmp, "from.prisma"), "w") as f:
                    f.write(sections["from.prisma"].rstrip("\n") + "\n")
                args += ["--from", "from.prisma"]
            else:
                args += ["--from", "empty"]
            with open(os.path.join(tmp, "to.prisma"), "w") as f:
                f.write(sections["to.prisma"].rstrip("\n") + "\n")
            args += ["--to", "to.prisma"]
            r = subprocess.run(args, cwd=tmp, env=env, capture_output=True, text=True)
            if r.returncode != 0:
                print(f"{path}: oracle failed ({r.returncode}):\n{r.stderr}", file=sys.stderr)
                continue
        out = "\n".join(header) + "\n"
        for key in ("from.prisma", "to.prisma"):
            if key in sections:
                out += f"=== {key}\n" + sections[key].rstrip("\n") + "\n"
        out += "=== expected\n" + r.stdout
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)
        print(f"{os.path.basename(path)}: ok")


if __name__ == "__main__":
    main()
