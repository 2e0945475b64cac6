import Foundation
import Literate

/// Every document in Patches/ must be built into this binary, or `check` would check it never:
/// a review point, or a bug put back in, with no variant target is bad input, named at its
/// document with the line Package.swift lacks. A target whose document is gone is refused too.
enum CheckTargets {
    static func verify(_ project: Project, built: [String] = variantRegistry.map(\.name)) throws {
        let builtNames = Set(built)
        for review in project.reviews where !builtNames.contains(review.header.id) {
            let id = review.header.id
            let module = moduleName(for: id)
            let defines = #"["PER_VMA_LOCK"]"#
            throw LiterateError(review.header.line(of: "id"),
                                "'\(id)' has no variant target, so nothing would check it: add `Variant(name: \"\(id)\", module: \"\(module)\", defines: \(defines)),` "
                                + "to `variants` in Package.swift and Sources/Variants/\(module)/Variant.swift holding `// vmaspec-variant: \(id)`, then build")
        }
        let documented = Set(project.variantNames)
        for name in built where !documented.contains(name) {
            throw LiterateError(packageLine(naming: name, root: project.root),
                                "variant '\(name)' is built, but no document in Patches/ defines it (known: \(project.variantNames.sorted().joined(separator: ", ")))")
        }
    }

    /// `bug-free-without-grace` → `VMALockBugFreeWithoutGrace`, `linux-6.4.0` → `VMALockLinux640`.
    static func moduleName(for id: String) -> String {
        "VMALock" + id.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The line of Package.swift that names `name`, or its first line.
    static func packageLine(naming name: String, root: URL) -> SourcePosition {
        let text = (try? String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)) ?? ""
        let line = SourceLines.split(text).firstIndex { $0.text.contains("\"\(name)\"") }.map { $0 + 1 } ?? 1
        return SourcePosition(file: "Package.swift", line: line)
    }
}
