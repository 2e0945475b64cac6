/// A variant's mutation-testing results, as the book shows them: one row per mutant, and the
/// declared-equivalent ones with a link to the block whose prose says why.
public struct MutationTable: Sendable {
    public struct Row: Sendable {
        /// `Spec/05-marking-writers.md:61`.
        public var location: String
        public var op: String
        /// `mprotect-fixup/remove-mark.1`.
        public var name: String
        public var code: String
        /// `killed by …`, `equivalent (declared)`, `SURVIVED …`.
        public var result: String
        public var equivalent: Bool
        /// A survivor not declared equivalent, or an equivalence a scenario disproves.
        public var problem: Bool

        public init(location: String, op: String, name: String, code: String, result: String, equivalent: Bool, problem: Bool) {
            self.location = location
            self.op = op
            self.name = name
            self.code = code
            self.result = result
            self.equivalent = equivalent
            self.problem = problem
        }
    }

    public var variant: String
    /// `rfc: 27/27 mutants killed (100%), 29 declared equivalent, 0 surviving`.
    public var summary: String
    /// Whether the results belong to the variant's code as it is now.
    public var current: Bool
    public var rows: [Row]

    public init(variant: String, summary: String, current: Bool, rows: [Row]) {
        self.variant = variant
        self.summary = summary
        self.current = current
        self.rows = rows
    }
}

extension Book {
    /// The page of one variant's mutants.
    func mutationPage(_ table: MutationTable) -> String {
        var body = "<h1>Mutation testing: <code>\(Self.escape(table.variant))</code></h1>\n"
        body += "<p>Each row takes one protection of the model away (a mark, a sequence check, an increment, an RCU section, a grace period, a detached check, an assertion) and names the scenario that fails without it. A mutant declared equivalent changes nothing any scenario can see; the prose beside its block, linked from its site, says why.</p>\n"
        body += "<p><strong>\(Self.escape(table.summary))</strong>\(table.current ? "" : " (from an earlier version of the code: run <code>vmaspec mutate --variant \(Self.escape(table.variant))</code>)")</p>\n"
        body += "<table><tr><th>site</th><th>operator</th><th>code</th><th>result</th></tr>\n"
        for row in table.rows {
            let style = row.problem ? " class=\"problem\"" : row.equivalent ? " class=\"equivalent\"" : ""
            body += "<tr\(style)><td>\(siteLink(row.location, variant: table.variant))</td><td>\(Self.escape(row.op))</td><td><code>\(Self.escape(row.code))</code><br><small>\(Self.escape(row.name))</small></td><td>\(Self.escape(row.result))</td></tr>\n"
        }
        return page(title: "Mutation testing: \(table.variant)", variant: table.variant, body: body + "</table>\n", nav: "<nav><a href=\"../index.html\">contents</a></nav>")
    }

    /// `Spec/x.md:61` as a link to the chapter (as `variant` reads it) or the review document.
    func siteLink(_ location: String, variant: String) -> String {
        let file = String(location.split(separator: ":").first ?? "")
        let page = file.hasPrefix("Patches/")
            ? project.reviews.first { $0.document.path == file }.map { "../review/\($0.header.id).html" }
            : project.chapters.first { $0.path == file }.map { "../\(variant)/\(pageName($0))" }
        guard let page else { return Self.escape(location) }
        return "<a href=\"\(Self.escape(page))\">\(Self.escape(location))</a>"
    }
}
