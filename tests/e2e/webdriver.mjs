// A small W3C WebDriver client over fetch: enough to drive the real Clearance window through
// tauri-driver and WebKitWebDriver. No dependencies.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, env = {}) {
    const caps = {
      capabilities: {
        alwaysMatch: {
          browserName: "wry",
          "tauri:options": { application, env },
        },
      },
    };
    const r = await call(base, "POST", "/session", caps);
    return new Session(base, r.sessionId ?? r.value?.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    try {
      await this.cmd("DELETE", "");
    } catch {
      /* the app may already be gone */
    }
  }

  async find(css) {
    const r = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return new Element(this, r.value[ELEMENT]);
  }

  async findAll(css) {
    const r = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return r.value.map((e) => new Element(this, e[ELEMENT]));
  }

  async exec(script, ...args) {
    return (await this.cmd("POST", "/execute/sync", { script, args })).value;
  }

  /** The window's size and place; with `rect`, set them first (width, height). */
  async windowRect(rect) {
    if (rect) await this.cmd("POST", "/window/rect", rect);
    return (await this.cmd("GET", "/window/rect")).value;
  }

  async screenshot() {
    return Buffer.from((await this.cmd("GET", "/screenshot")).value, "base64");
  }

  async go(hash) {
    await this.exec(`location.hash = arguments[0];`, hash);
  }

  /** Poll until `css` exists (and `test(text)` holds for its text); answers the element. */
  async wait(css, test = () => true, timeoutMs = 20000) {
    const until = Date.now() + timeoutMs;
    let last = "";
    for (;;) {
      try {
        const el = await this.find(css);
        last = await el.text();
        if (test(last)) return el;
      } catch {
        /* not there yet */
      }
      if (Date.now() > until) throw new Error(`timed out waiting for ${css} (last text: ${JSON.stringify(last)})`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

export class Element {
  constructor(session, id) {
    this.s = session;
    this.id = id;
  }
  cmd(method, path, body) {
    return this.s.cmd(method, `/element/${this.id}${path}`, body);
  }
  async click() {
    // In the middle of the view, not at its edge under the toast (a click there is intercepted).
    await this.s.exec("arguments[0].scrollIntoView({ block: 'center' });", { [ELEMENT]: this.id });
    await this.cmd("POST", "/click", {});
  }
  async type(text) {
    await this.cmd("POST", "/value", { text });
  }
  async clear() {
    await this.cmd("POST", "/clear", {});
  }
  async text() {
    return (await this.cmd("GET", "/text")).value;
  }
  async prop(name) {
    return (await this.cmd("GET", `/property/${name}`)).value;
  }
}

async function call(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json.value?.error) {
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json).slice(0, 400)}`);
  }
  return json;
}
