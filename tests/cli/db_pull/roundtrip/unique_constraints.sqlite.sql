-- Written by hand, not by Prisma: inline UNIQUE column and table constraints
-- (SQLite backs them with sqlite_autoindex_* indexes), next to the
-- CREATE UNIQUE INDEX Prisma writes and an index over an expression (left
-- out, as Prisma does).
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL UNIQUE,
    "handle" TEXT,
    "first" TEXT,
    "last" TEXT,
    UNIQUE ("first", "last")
);
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");
CREATE INDEX "User_lower_email_idx" ON "User"(lower("email"));

CREATE TABLE "Tag" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT UNIQUE,
    "userId" INTEGER REFERENCES "User"("id")
);
CREATE INDEX "Tag_userId_idx" ON "Tag"("userId");

-- Without previewFeatures = ["views"], db pull leaves views out.
CREATE VIEW "UserEmail" AS SELECT "id", "email" FROM "User";
