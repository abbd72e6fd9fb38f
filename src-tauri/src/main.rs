fn main() { clearance_desktop::run() }
