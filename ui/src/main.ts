import { invoke } from "@tauri-apps/api/core";

interface AppInfo {
  version: string;
  spdx_list_version: string;
  licenses: number;
}

async function start(): Promise<void> {
  const el = document.getElementById("info");
  if (!el) return;
  try {
    const info = await invoke<AppInfo>("app_info");
    // textContent, never innerHTML: everything shown may come from scanned files.
    el.textContent = `Clearance ${info.version} · SPDX license list ${info.spdx_list_version} · ${info.licenses} licenses known`;
  } catch (e) {
    el.textContent = `Could not reach the Clearance engine: ${String(e)}`;
  }
}

void start();
