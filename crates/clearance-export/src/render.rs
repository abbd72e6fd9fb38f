//! Rendering exports through templates (minijinja: Jinja2 syntax, documented at
//! docs.rs/minijinja). The built-in templates live in `templates/`; a user's own template gets the
//! same data. Templates named `*.html` escape every value: file-derived strings stay text.

use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use crate::ExportError;

pub const NOTICE_TXT: &str = include_str!("../templates/notice.txt");
pub const NOTICE_MD: &str = include_str!("../templates/notice.md");
pub const NOTICE_HTML: &str = include_str!("../templates/notice.html");
pub const REPORT_HTML: &str = include_str!("../templates/report.html");

/// Render `template` (named `name`; its extension decides escaping) with `data`.
pub fn render<T: Serialize>(name: &str, template: &str, data: &T) -> Result<String, ExportError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_keep_trailing_newline(true);
    env.set_auto_escape_callback(|name| if name.ends_with(".html") { AutoEscape::Html } else { AutoEscape::None });
    env.add_template(name, template).map_err(|e| ExportError::Template(describe(&e)))?;
    let t = env.get_template(name).map_err(|e| ExportError::Template(describe(&e)))?;
    t.render(data).map_err(|e| ExportError::Template(describe(&e)))
}

fn describe(e: &minijinja::Error) -> String {
    match e.line() {
        Some(line) => format!("{} (line {line})", e),
        None => e.to_string(),
    }
}
