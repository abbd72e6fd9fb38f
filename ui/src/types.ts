// Shapes of the engine's answers (clearance-app's Serialize types). Generated types replace
// this file in the desktop issue; until then it mirrors crates/clearance-app and
// crates/clearance-store/src/query.rs by hand.

export interface IpcError {
  code: string;
  message: string;
}

export interface AppInfo {
  version: string;
  spdx_list_version: string;
  licenses: number;
}

export type ScanEvent =
  | { event: "started"; total: number }
  | { event: "progress"; done: number; total: number; path: string };

export interface ScanInfo {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: string;
  files: number;
  reused: number;
  skipped: number;
}

export interface LicenseCount {
  license: string;
  category: string;
  files: number;
  findings: number;
}

export interface ComponentRow {
  id: number;
  name: string;
  version: string | null;
  ecosystem: string | null;
  purl: string | null;
  declared_license: string | null;
  declared_original: string | null;
  is_root: boolean;
  detected: string[];
  files: number;
}

export interface Summary {
  scan: ScanInfo | null;
  files: number;
  findings: number;
  licenses: LicenseCount[];
  components: ComponentRow[];
  skipped: { root: string; path: string; reason: string; detail: string }[];
}
