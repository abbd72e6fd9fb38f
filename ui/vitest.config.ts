import { defineConfig } from "vitest/config";

// Unit tests live beside the code; tests/ holds the browser tests (node --test, playwright-core).
export default defineConfig({
  test: { include: ["src/**/*.test.ts"] },
});
