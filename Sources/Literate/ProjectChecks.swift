/// The whole-project rules of DESIGN.md section 8: unique chunks and scenarios, replacements of
/// existing chunks, known and acyclic bases, renames that clash with nothing.
struct ProjectChecks {
    let project: Project

    init(_ project: Project) { self.project = project }

    func run() throws {
        try checkUniqueChunks()
        try checkUniqueScenarios()
        try checkReviewIdentities()
        for review in project.reviews {
            try checkBaseChain(of: review)
            try checkReplacements(of: review)
        }
        try checkVariantFilters()
        for review in project.reviews {
            try checkRenames(of: review)
            try checkCatches(of: review)
        }
        try HistoryChecks(project: project).run()
    }

    private func checkUniqueChunks() throws {
        var seen: [String: Block] = [:]
        for block in project.chapters.flatMap(\.blocks) {
            guard let name = block.chunkName else { continue }
            if let first = seen[name] {
                throw LiterateError(block.position, "duplicate chunk '\(name)' (first defined at \(first.position))")
            }
            seen[name] = block
        }
    }

    /// Scenario names are unique across Spec/, and a review's own scenarios take no Spec/ name
    /// (its variant compiles both).
    private func checkUniqueScenarios() throws {
        var seen: [String: Block] = [:]
        for block in project.chapters.flatMap(\.blocks) + project.reviews.flatMap(\.document.blocks) {
            guard case .scenario(let scenario) = block.role else { continue }
            if let first = seen[scenario.name] {
                throw LiterateError(block.position, "duplicate scenario '\(scenario.name)' (first defined at \(first.position))")
            }
            seen[scenario.name] = block
        }
    }

    private func checkReviewIdentities() throws {
        var seen: [String: Review] = [:]
        for review in project.reviews {
            let id = review.header.id
            let position = review.header.line(of: "id")
            if id == Project.baseVariant || project.configurations[id] != nil {
                throw LiterateError(position, "review id '\(id)' is taken by a built-in variant")
            }
            if let first = seen[id] {
                throw LiterateError(position, "duplicate review id '\(id)' (also \(first.header.position))")
            }
            seen[id] = review
        }
    }

    private func checkBaseChain(of review: Review) throws {
        var visited: [String] = [review.header.id]
        var current = review
        while current.header.base != Project.baseVariant {
            let base = current.header.base
            guard let next = project.review(id: base) else {
                let known = ([Project.baseVariant] + project.reviews.map(\.header.id)).joined(separator: ", ")
                throw LiterateError(current.header.line(of: "base"), "unknown base '\(base)' (known: \(known))")
            }
            guard !visited.contains(base) else {
                throw LiterateError(review.header.line(of: "base"), "cyclic base: \((visited + [base]).joined(separator: " -> "))")
            }
            visited.append(base)
            current = next
        }
    }

    private func checkReplacements(of review: Review) throws {
        let chunks = project.chunkDefinitions
        var replaced: Set<String> = []
        for block in review.replacements {
            guard let name = block.chunkName else { continue }
            guard chunks[name] != nil else {
                throw LiterateError(block.position, "'replaces=\(name)' names no chunk in Spec/")
            }
            guard replaced.insert(name).inserted else {
                throw LiterateError(block.position, "chunk '\(name)' is replaced twice in this document")
            }
        }
    }

    private func checkVariantFilters() throws {
        let known = Set(project.variantNames)
        for block in (project.chapters + project.reviews.map(\.document)).flatMap(\.blocks) {
            var named = (block.variantFilter ?? []).map(Variant.filterTarget)
            if case .scenario(let scenario) = block.role {
                named += (scenario.failsOn ?? []) + [scenario.fixedBy, scenario.since].compactMap { $0 }.filter { $0 != Block.Scenario.neverFixed }
            }
            for name in named where !known.contains(name) {
                throw LiterateError(block.position, "unknown variant '\(name)' (known: \(known.sorted().joined(separator: ", ")))")
            }
        }
    }

    /// A bug names the scenarios that must catch it; they must exist.
    private func checkCatches(of review: Review) throws {
        let scenarios = Set(project.chapters.flatMap(\.blocks).compactMap { block -> String? in
            if case .scenario(let s) = block.role { s.name } else { nil }
        })
        for name in review.header.catches where !scenarios.contains(name) {
            throw LiterateError(review.header.line(of: "catches"), "'catches' names no scenario '\(name)' (known: \(scenarios.sorted().joined(separator: ", ")))")
        }
    }

    /// A rename must change a name the base uses into one it does not, once each.
    private func checkRenames(of review: Review) throws {
        let base = try Variant(project: project, name: review.header.base)
        let words = base.allCodeWords()
        var olds: Set<String> = [], news: Set<String> = []
        for rename in review.header.renames {
            let position = SourcePosition(file: review.document.path, line: rename.line)
            guard olds.insert(rename.old).inserted else { throw LiterateError(position, "'\(rename.old)' is renamed twice") }
            guard news.insert(rename.new).inserted else { throw LiterateError(position, "two names are renamed to '\(rename.new)'") }
            guard words.contains(rename.old) else {
                throw LiterateError(position, "renames '\(rename.old)', which variant '\(base.name)' never uses")
            }
            if words.contains(rename.new), !review.header.renames.contains(where: { $0.old == rename.new }) {
                throw LiterateError(position, "renaming '\(rename.old)' to '\(rename.new)' clashes with the existing name '\(rename.new)'")
            }
        }
    }
}
