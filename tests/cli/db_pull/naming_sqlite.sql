CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "e-mail" TEXT NOT NULL,
    "first name" TEXT,
    "score" REAL NOT NULL DEFAULT 1.5,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "nick" TEXT NOT NULL DEFAULT 'it''s "me"',
    "lowered" TEXT DEFAULT (lower('ABC')),
    "created" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shape" CIRCLE
);
CREATE UNIQUE INDEX "User_e-mail_key" ON "User"("e-mail");
CREATE TABLE "Message" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "senderId" INTEGER NOT NULL,
    "receiverId" INTEGER,
    "parentId" INTEGER,
    CONSTRAINT "Message_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Message_receiverId_fkey" FOREIGN KEY ("receiverId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Message_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);
CREATE INDEX "msg_by_sender" ON "Message"("senderId" DESC, "receiverId");
CREATE TABLE "Tag" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "label" TEXT NOT NULL);
CREATE TABLE "_MessageToTag" ("A" INTEGER NOT NULL, "B" INTEGER NOT NULL,
    CONSTRAINT "_MessageToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_MessageToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE);
CREATE UNIQUE INDEX "_MessageToTag_AB_unique" ON "_MessageToTag"("A", "B");
CREATE INDEX "_MessageToTag_B_index" ON "_MessageToTag"("B");
CREATE TABLE "Membership" ("userId" INTEGER NOT NULL, "tagId" INTEGER NOT NULL, "role" TEXT NOT NULL,
    PRIMARY KEY ("userId", "tagId"),
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE);
CREATE UNIQUE INDEX "Membership_tagId_role_key" ON "Membership"("tagId", "role");
CREATE TABLE "audit log" ("at" DATETIME, "what" TEXT);
CREATE TABLE "PrismaClient" ("id" INTEGER NOT NULL PRIMARY KEY);
CREATE TABLE "1st" ("id" TEXT NOT NULL PRIMARY KEY, "2nd" INTEGER);
