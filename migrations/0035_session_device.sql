-- The browser and system each session was signed in from ("chrome/windows"), so a person can tell
-- their sessions apart. Two names from a closed list (src/platform/auth/device.ts): never the
-- user-agent string, never the address. Sessions from before this migration have none.
ALTER TABLE "sessions" ADD COLUMN "device" text;
