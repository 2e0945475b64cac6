import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Pass and fail counts per variant, read from the JUnit XML that `swift test --xunit-output` writes.
/// Test classes are named `SpecTests.Variant_<id>.<suite>`; the suite says which part of the
/// variant the test belongs to.
struct TestResults {
    struct Count: Equatable {
        var passed = 0
        var failed = 0
        var total: Int { passed + failed }
        var text: String { total == 0 ? "-" : "\(passed)/\(total)" }
    }

    /// Variant namespace (`Variant_naming`) → suite (`Behaviour_Layout`, `ch_04_the_per_vma_lock`, `Examples`…) → count.
    var counts: [String: [String: Count]] = [:]

    /// Whether the run holds any test of the variant.
    func ran(_ namespace: String) -> Bool { counts[namespace] != nil }

    /// The sum over the suites of `namespace` that `include` accepts.
    func count(_ namespace: String, where include: (String) -> Bool) -> Count {
        (counts[namespace] ?? [:]).filter { include($0.key) }.values.reduce(Count()) {
            Count(passed: $0.passed + $1.passed, failed: $0.failed + $1.failed)
        }
    }

    static func load(_ url: URL) throws -> TestResults {
        guard FileManager.default.isReadableFile(atPath: url.path), let parser = XMLParser(contentsOf: url) else {
            throw ReviewError("cannot read test results \(url.path)")
        }
        let delegate = JUnitReader()
        parser.delegate = delegate
        guard parser.parse() else { throw ReviewError("malformed test results \(url.path)") }
        var results = TestResults()
        for testCase in delegate.cases {
            let parts = testCase.className.split(separator: ".").map(String.init)
            guard parts.count >= 3, parts[1].hasPrefix("Variant_") else { continue }
            let part = parts[2]
            var count = results.counts[parts[1], default: [:]][part, default: Count()]
            if testCase.failed { count.failed += 1 } else { count.passed += 1 }
            results.counts[parts[1], default: [:]][part] = count
        }
        return results
    }
}

struct ReviewError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

private final class JUnitReader: NSObject, XMLParserDelegate {
    struct Case { var className: String; var failed: Bool }
    var cases: [Case] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "testcase" { cases.append(Case(className: attributes["classname"] ?? "", failed: false)) }
        if name == "failure" || name == "error", !cases.isEmpty { cases[cases.count - 1].failed = true }
    }
}
