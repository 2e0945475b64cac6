import Foundation

/// The issues of a test run, read from the event stream `swift test --event-stream-output-path
/// FILE --event-stream-version 0` writes (one JSON object per line).
///
/// Swift Testing's console names an issue by its file's last component only (`04-x.md:57`), and a
/// `swift test` block runs once per variant, so a failing block reads as the same bare line five
/// times. The stream has what the console leaves out: the whole `#sourceLocation` path and the
/// test's ID, whose first component is the variant's namespace (`SpecTests.Variant_rfc/...`).
struct TestEvents {
    struct Issue: Equatable {
        /// `Spec/04-the-per-vma-lock.md:57:5`, or a Swift file relative to the package root.
        var location: String
        var test: String
        /// The variant, for a test compiled once per variant.
        var variant: String?
        var message: String
        var isKnown: Bool
    }

    var issues: [Issue] = []
    /// Test functions that started (a parameterized one counts once).
    var testsRun = 0

    private struct Line: Decodable {
        var kind: String
        var payload: Payload?
    }

    private struct Payload: Decodable {
        var kind: String?
        var testID: String?
        var issue: IssuePayload?
        var messages: [Message]?
    }

    private struct IssuePayload: Decodable {
        var isKnown: Bool?
        var sourceLocation: Location?
    }

    private struct Location: Decodable {
        var _filePath: String?
        var fileID: String?
        var line: Int
        var column: Int
    }

    private struct Message: Decodable {
        var symbol: String?
        var text: String
    }

    /// Reads `text`; `root` makes absolute paths relative, `variants` maps a namespace
    /// (`Variant_rfc_nopvl`) back to its variant (`rfc-nopvl`).
    init(parsing text: String, root: URL, variants: [String: String]) throws {
        let decoder = JSONDecoder()
        for (number, line) in text.split(separator: "\n").enumerated() {
            guard let event = try? decoder.decode(Line.self, from: Data(line.utf8)) else {
                throw TestEventsError("line \(number + 1) is not a test event")
            }
            guard event.kind == "event", let payload = event.payload else { continue }
            // Suites start too; a test function's ID has a component like `name()` or `name(arg:)`.
            if payload.kind == "testStarted", (payload.testID ?? "").split(separator: "/").contains(where: { $0.hasSuffix(")") }) {
                testsRun += 1
            }
            guard payload.kind == "issueRecorded", let issue = payload.issue else { continue }
            let location = issue.sourceLocation.map { Self.place($0, root: root) } ?? "?"
            let parts = (payload.testID ?? "").split(separator: "/").map(String.init)
            let namespace = parts.first?.split(separator: ".").last.map(String.init) ?? ""
            let test = parts.dropFirst().first { $0.hasSuffix(")") } ?? parts.dropFirst().last ?? "?"
            issues.append(Issue(location: location, test: test, variant: variants[namespace],
                                message: payload.messages?.first?.text ?? "", isKnown: issue.isKnown ?? false))
        }
    }

    private static func place(_ location: Location, root: URL) -> String {
        var path = location._filePath ?? location.fileID ?? "?"
        let prefix = root.standardizedFileURL.path + "/"
        if path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
        return "\(path):\(location.line):\(location.column)"
    }
}

struct TestEventsError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
