import Glibc

/// Kernel `BUG_ON`: if `condition` holds, the run is broken.
///
/// Normal runs stop the process with `file:line: BUG: message`. Under the explorer it is an
/// `assertion` failure of the schedule and the calling model thread stops.
public func BUG_ON(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #filePath, line: UInt = #line
) {
    guard condition(), !assertionsSuppressed else { return }
    if let model = currentModel() { model.fail(.assertion, "BUG: \(message())", file: file, line: line) }
    fatalError("\(file):\(line): BUG: \(message())")
}

/// Kernel `WARN_ON`: returns `condition`; if it holds, reports a warning.
///
/// Normal runs print `file:line: WARNING: message` to stderr and continue. Under the explorer
/// it is an `assertion` failure like `BUG_ON`.
@discardableResult
public func WARN_ON(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #filePath, line: UInt = #line
) -> Bool {
    guard condition(), !assertionsSuppressed else { return false }
    if let model = currentModel() { model.fail(.assertion, "WARNING: \(message())", file: file, line: line) }
    writeToStandardError("\(file):\(line): WARNING: \(message())\n")
    return true
}

/// Writes `text` to file descriptor 2 (unbuffered, so it interleaves sanely with other output).
func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

/// Runs `body` with `BUG_ON` and `WARN_ON` switched off on this thread.
///
/// Only mutation testing uses it: a mutant that moves a call out of the place its own assertions
/// insist on (the `mm_lock_seq` increment after `up_write`) must show the race it opens, not the
/// assertion. Model code never calls it.
public func withAssertionsSuppressed<R>(_ body: () throws -> R) rethrows -> R {
    let state = ThreadState.current
    state.assertionsSuppressed += 1
    defer { state.assertionsSuppressed -= 1 }
    return try body()
}

/// Whether `withAssertionsSuppressed` is running on this thread.
private var assertionsSuppressed: Bool {
    (ThreadState.currentIfExists?.assertionsSuppressed ?? 0) > 0
}
