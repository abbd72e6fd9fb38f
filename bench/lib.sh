# Shared by the desktop benchmarks: a private Xvfb display and tauri-driver, torn down on exit.
# Source it, then: start_display; start_driver (sets $driver_url). $work must be a scratch folder.

start_display() {
  exec 3>"$work/display"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
  export DISPLAY=":$(head -n1 "$work/display")"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

start_driver() {
  local port native
  port=$(free_port)
  native=$(free_port)
  "${TAURI_DRIVER:-$HOME/.cargo/bin/tauri-driver}" --port "$port" --native-port "$native" >"$work/driver.log" 2>&1 &
  drv=$!
  for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/status" >/dev/null 2>&1 && break; sleep 0.1; done
  driver_url="http://127.0.0.1:$port"
}
