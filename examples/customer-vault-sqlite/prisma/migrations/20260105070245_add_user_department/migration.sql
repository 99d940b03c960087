-- AlterTable
ALTER TABLE "users" ADD COLUMN "department" TEXT;
