-- Written by hand: an expression index (left out; the model gets Prisma's
-- note), a partial index (left out without a trace, as Prisma 6 does) and an
-- inline UNIQUE constraint next to plain indexes.
CREATE TABLE "Account" (
    "id" SERIAL PRIMARY KEY,
    "email" TEXT NOT NULL UNIQUE,
    "name" TEXT,
    "deleted" BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX "Account_lower_email_idx" ON "Account"(lower("email"));
CREATE UNIQUE INDEX "Account_name_live_key" ON "Account"("name") WHERE NOT "deleted";
CREATE INDEX "Account_name_idx" ON "Account"("name");
