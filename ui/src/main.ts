import { Channel, invoke } from "@tauri-apps/api/core";
import type { AppInfo, IpcError, ScanEvent, Summary } from "./types";

// Everything shown here may come from scanned files: text goes in with textContent only.
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`missing #${id}`);
  return e as T;
}

export function errorMessage(e: unknown): string {
  if (typeof e === "object" && e !== null && "message" in e) return String((e as IpcError).message);
  return String(e);
}

export function renderSummary(s: Summary): void {
  const root = s.components.find((c) => c.is_root);
  byId("summary-title").textContent = root ? `${root.name} ${root.version ?? ""}`.trim() : "Review";
  const scan = s.scan;
  byId("summary-stats").textContent =
    `${s.files} files · ${s.findings} findings · ${s.components.length} components · ${s.skipped.length} skipped` +
    (scan ? ` · scan ${scan.status}` : "");
  const lic = byId<HTMLTableElement>("licenses").tBodies[0];
  lic.replaceChildren(
    ...s.licenses.map((l) => {
      const tr = el("tr");
      tr.append(el("td", l.license));
      const cat = el("td");
      cat.append(el("span", l.category, `cat cat-${l.category}`));
      tr.append(cat, el("td", String(l.files), "num"));
      return tr;
    }),
  );
  const comps = byId<HTMLTableElement>("components").tBodies[0];
  comps.replaceChildren(
    ...s.components.map((c) => {
      const tr = el("tr");
      tr.append(
        el("td", c.name),
        el("td", c.version ?? "—"),
        el("td", c.declared_license ?? c.declared_original ?? "—"),
        el("td", c.detected.length ? c.detected.join(", ") : "—"),
      );
      return tr;
    }),
  );
  byId("summary").hidden = false;
}

async function trySample(): Promise<void> {
  const button = byId<HTMLButtonElement>("try-sample");
  const bar = byId<HTMLProgressElement>("progress-bar");
  const text = byId("progress-text");
  const error = byId("error");
  button.disabled = true;
  error.hidden = true;
  byId("progress").hidden = false;
  const channel = new Channel<ScanEvent>();
  channel.onmessage = (ev) => {
    if (ev.event === "started") {
      bar.max = Math.max(ev.total, 1);
      text.textContent = `0 / ${ev.total} files`;
    } else {
      bar.value = ev.done;
      text.textContent = `${ev.done} / ${ev.total} files · ${ev.path}`;
    }
  };
  try {
    const summary = await invoke<Summary>("scan_sample", { onProgress: channel });
    text.textContent = "Scan complete";
    renderSummary(summary);
  } catch (e) {
    error.textContent = errorMessage(e);
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
}

async function start(): Promise<void> {
  byId("try-sample").addEventListener("click", () => void trySample());
  try {
    const info = await invoke<AppInfo>("app_info");
    byId("info").textContent = `${info.version} · SPDX license list ${info.spdx_list_version} · ${info.licenses} licenses`;
  } catch (e) {
    byId("info").textContent = `engine unavailable: ${errorMessage(e)}`;
  }
}

void start();
