/// Turns an info string into a `Block.Role`, rejecting anything DESIGN.md section 3 does not define.
enum BlockRoleParser {
    /// Flags a `swift` block may carry; at most one of them.
    static let swiftFlags = ["example", "test", "scenario", "ignore"]

    /// The attributes each kind of block accepts.
    static let allowedAttributes: [String: Set<String>] = [
        "model": ["chunk", "equivalent"],
        "replacement": ["replaces", "base", "equivalent"],
        "example": ["name", "variants"],
        "test": ["variants"],
        "scenario": ["name", "expect", "bound", "variants", "steps", "pct", "depth", "seed", "counterBits", "fails", "failure", "fixed-by", "since", "memory"],
        "ignore": ["name"],
        "output": ["file"],
    ]

    static func role(of info: InfoString, at position: SourcePosition, inReview: Bool) throws -> Block.Role {
        switch info.language {
        case "swift": return try swiftRole(info, position, inReview: inReview)
        case "output":
            try check(info, kind: "output", flags: [], position)
            if let file = info["file"] { try PathRules.checkInsidePackage(file, at: position) }
            return .output(file: info["file"])
        case "review":
            try check(info, kind: "review", flags: [], position)
            return .review
        default:
            if let first = info.attributes.first {
                throw LiterateError(position, "unknown attribute '\(first.key)' on a '\(info.language)' block (only swift and output blocks take attributes)")
            }
            if let flag = info.flags.first {
                throw LiterateError(position, "unknown flag '\(flag)' on a '\(info.language)' block (only swift blocks take flags)")
            }
            return .prose
        }
    }

    private static func swiftRole(_ info: InfoString, _ position: SourcePosition, inReview: Bool) throws -> Block.Role {
        for flag in info.flags where !swiftFlags.contains(flag) {
            throw LiterateError(position, "unknown flag '\(flag)' (a swift block takes one of: \(swiftFlags.joined(separator: ", ")))")
        }
        guard info.flags.count <= 1 else {
            throw LiterateError(position, "a swift block takes one flag, not '\(info.flags.joined(separator: " "))'")
        }
        switch info.flags.first {
        case "example":
            try check(info, kind: "example", flags: info.flags, position)
            _ = try variantList(info, position)
            return .example(name: info["name"])
        case "test":
            try check(info, kind: "test", flags: info.flags, position)
            return .test(variants: try variantList(info, position))
        case "scenario":
            try check(info, kind: "scenario", flags: info.flags, position)
            return .scenario(try scenario(info, position))
        case "ignore":
            try check(info, kind: "ignore", flags: info.flags, position)
            return .ignore
        default:
            return try codeRole(info, position, inReview: inReview)
        }
    }

    private static func codeRole(_ info: InfoString, _ position: SourcePosition, inReview: Bool) throws -> Block.Role {
        if let equivalent = info["equivalent"] { _ = try names(equivalent, what: "mutant", position) }
        guard let target = info["replaces"] else {
            try check(info, kind: "model", flags: [], position)
            if inReview, info["chunk"] != nil {
                throw LiterateError(position, "a review document replaces chunks ('replaces=NAME'); it cannot define new ones")
            }
            if let chunk = info["chunk"] { try checkName(chunk, what: "chunk", position) }
            return .model(chunk: info["chunk"])
        }
        try check(info, kind: "replacement", flags: [], position)
        guard inReview else {
            throw LiterateError(position, "'replaces=\(target)' belongs in a review document in Patches/, not in Spec/")
        }
        return .replacement(chunk: target, base: info["base"])
    }

    private static func scenario(_ info: InfoString, _ position: SourcePosition) throws -> Block.Scenario {
        guard let name = info["name"] else { throw LiterateError(position, "a scenario needs 'name=NAME'") }
        try checkName(name, what: "scenario", position)
        guard let expect = info["expect"] else { throw LiterateError(position, "scenario '\(name)' needs 'expect=pass' or 'expect=fail'") }
        guard expect == "pass" || expect == "fail" else {
            throw LiterateError(position, "'expect' must be 'pass' or 'fail', not '\(expect)'")
        }
        let bound = try number("bound", info, position, minimum: 0)
        let pct = try number("pct", info, position, minimum: 1)
        if pct == nil, let stray = ["depth", "seed"].first(where: { info[$0] != nil }) {
            throw LiterateError(position, "'\(stray)' belongs to PCT sampling: add 'pct=ITERATIONS'")
        }
        if pct != nil, bound != nil { throw LiterateError(position, "a scenario takes 'bound' (search) or 'pct' (sampling), not both") }
        let counterBits = try number("counterBits", info, position, minimum: 2)
        if let bits = counterBits, bits > 32 { throw LiterateError(position, "'counterBits' must be between 2 and 32, not \(bits)") }
        let failsOn = try info["fails"].map { try names($0, what: "variant", position) }
        if failsOn != nil, expect == "fail" {
            throw LiterateError(position, "'fails' lists where a passing scenario fails; scenario '\(name)' already has 'expect=fail'")
        }
        let fixedBy = info["fixed-by"], since = info["since"]
        for (key, value) in [("fixed-by", fixedBy), ("since", since)] {
            if let value { try checkName(value, what: "variant", position) }
            if value != nil, expect == "fail" {
                throw LiterateError(position, "'\(key)' places a bug on the history line; scenario '\(name)' already has 'expect=fail'")
            }
        }
        if since != nil, fixedBy == nil {
            throw LiterateError(position, "'since=\(since!)' needs 'fixed-by=VARIANT' (or 'fixed-by=none'): where does the bug end?")
        }
        let failure = info["failure"]
        if let failure {
            guard Block.scenarioFailureKinds.contains(failure) else {
                throw LiterateError(position, "'failure' must be one of \(Block.scenarioFailureKinds.joined(separator: ", ")), not '\(failure)'")
            }
            guard expect == "fail" || failsOn != nil || fixedBy != nil else {
                throw LiterateError(position, "'failure=\(failure)' needs 'expect=fail', 'fails=VARIANTS' or 'fixed-by=VARIANT': scenario '\(name)' never fails")
            }
        }
        let memory = info["memory"]
        if let memory, !Block.memoryModels.contains(memory) {
            throw LiterateError(position, "'memory' must be one of \(Block.memoryModels.joined(separator: ", ")), not '\(memory)'")
        }
        return Block.Scenario(
            name: name, expectFailure: expect == "fail", bound: bound, variants: try variantList(info, position),
            steps: try number("steps", info, position, minimum: 1),
            pct: try pct.map { ($0, try number("depth", info, position, minimum: 1) ?? 3, UInt64(try number("seed", info, position, minimum: 0) ?? 1)) },
            counterBits: counterBits, failsOn: failsOn, failure: failure, fixedBy: fixedBy, since: since, memory: memory)
    }

    /// A comma-separated list of names, each checked.
    private static func names(_ text: String, what: String, _ position: SourcePosition) throws -> [String] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for name in names { try checkName(name, what: what, position) }
        return names
    }

    /// The whole-number attribute `key`, if present.
    private static func number(_ key: String, _ info: InfoString, _ position: SourcePosition, minimum: Int) throws -> Int? {
        guard let text = info[key] else { return nil }
        guard let value = Int(text), value >= minimum else {
            throw LiterateError(position, "'\(key)' must be a whole number ≥ \(minimum), not '\(text)'")
        }
        return value
    }

    private static func variantList(_ info: InfoString, _ position: SourcePosition) throws -> [String]? {
        guard let text = info["variants"] else { return nil }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for name in names { try checkName(Variant.filterTarget(name), what: "variant", position) }
        if Set(names.map { $0.hasPrefix("!") }).count > 1 {
            throw LiterateError(position, "'variants' lists names to keep or, with '!', names to leave out, not both")
        }
        return names
    }

    private static func check(_ info: InfoString, kind: String, flags: [String], _ position: SourcePosition) throws {
        let allowed = allowedAttributes[kind] ?? []
        for attribute in info.attributes where !allowed.contains(attribute.key) {
            let expected = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
            throw LiterateError(position, "unknown attribute '\(attribute.key)' on a \(kind) block (expected: \(expected))")
        }
        if info.language != "swift", let flag = info.flags.first {
            throw LiterateError(position, "unknown flag '\(flag)' on a '\(info.language)' block")
        }
    }

    /// Chunk, scenario and variant names: lowercase words of letters, digits, '-', '_' and '.'.
    static func checkName(_ name: String, what: String, _ position: SourcePosition) throws {
        let ok = !name.isEmpty && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
        guard ok else {
            throw LiterateError(position, "\(what) name '\(name)' must use lowercase letters, digits, '-', '_' and '.'")
        }
    }
}
