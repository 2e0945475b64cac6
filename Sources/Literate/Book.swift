/// The HTML book: an index, each chapter as every non-bug variant reads it, and each review
/// document. Everything the book did not render through cmark-gfm is escaped here.
public struct Book: Sendable {
    public let project: Project
    /// Mutation-testing results to show, one page per variant (`vmaspec mutate` keeps them).
    public var mutation: [MutationTable]
    /// The history line with what the explorer found on each step (`vmaspec check` runs it).
    public var history: HistoryPage?
    /// The last `vmaspec bench --kernel` figures kept with the spec, drawn as charts.
    public var kernelFigures: KernelFigures?

    public init(project: Project, mutation: [MutationTable] = [], history: HistoryPage? = nil, kernelFigures: KernelFigures? = nil) {
        self.project = project
        self.mutation = mutation
        self.history = history
        self.kernelFigures = kernelFigures
    }

    /// The variants a reader can switch between: the base, then each review point.
    var variantNames: [String] {
        [Project.baseVariant] + project.reviews.filter { $0.header.kind == .review }.map(\.header.id)
            + project.historyLine.filter { project.review(id: $0)?.header.kind == .history }
    }

    public func pages() throws -> [(path: String, contents: String)] {
        var pages: [(String, String)] = [("style.css", Self.style), ("index.html", index())]
        for name in variantNames {
            let variant = try Variant(project: project, name: name)
            let weaver = Weaver(variant: variant)
            for (index, chapter) in project.chapters.enumerated() {
                let body = try weaver.html(chapter)
                pages.append(("\(name)/\(pageName(chapter))", page(title: title(of: chapter), variant: name, body: body,
                                                                    nav: navigation(index: index, variant: name))))
            }
        }
        for review in project.reviews {
            let weaver = Weaver(variant: try Variant(project: project, name: review.header.id))
            pages.append(("review/\(review.header.id).html",
                          page(title: review.header.title, variant: review.header.id, body: try weaver.html(review.document), nav: "")))
        }
        for table in mutation { pages.append(("mutation/\(table.variant).html", mutationPage(table))) }
        if let history { pages.append(("history.html", historyPage(history))) }
        if let kernelFigures { pages.append((Self.kernelFiguresPath, kernelFiguresPage(kernelFigures))) }
        return pages
    }

    func pageName(_ document: Document) -> String {
        (document.path.split(separator: "/").last.map(String.init) ?? document.path).replacingOccurrences(of: ".md", with: ".html")
    }

    func title(of document: Document) -> String {
        let heading = SourceLines.split(document.text).first { $0.text.hasPrefix("# ") }
        return heading.map { String($0.text.dropFirst(2)) } ?? document.path
    }

    func navigation(index: Int, variant: String) -> String {
        let chapters = project.chapters
        var links = ["<a href=\"../index.html\">contents</a>"]
        if index > 0 { links.append("<a href=\"\(Self.escape(pageName(chapters[index - 1])))\">← \(Self.inline(title(of: chapters[index - 1])))</a>") }
        if index + 1 < chapters.count { links.append("<a href=\"\(Self.escape(pageName(chapters[index + 1])))\">\(Self.inline(title(of: chapters[index + 1]))) →</a>") }
        let switcher = variantNames.map { name in
            name == variant ? "<strong>\(Self.escape(name))</strong>" : "<a href=\"../\(Self.escape(name))/\(Self.escape(pageName(chapters[index])))\">\(Self.escape(name))</a>"
        }
        return "<nav>\(links.joined(separator: " · "))<span class=\"variants\">read as: \(switcher.joined(separator: " "))</span></nav>"
    }

    func index() -> String {
        var body = "<h1>Per-VMA locks: the RFC and its review</h1>\n<p>Suren Baghdasaryan's RFC (September 2022), told and modelled step by step. Each review point is a variant of the model; pick one to read the chapters as it changes them.</p>\n<h2>Chapters</h2>\n<ol>\n"
        for chapter in project.chapters {
            body += "<li><a href=\"rfc/\(Self.escape(pageName(chapter)))\">\(Self.inline(title(of: chapter)))</a></li>\n"
        }
        body += "</ol>\n<h2>The review</h2>\n<table><tr><th>id</th><th>title</th><th>reviewer</th><th>status</th><th>upstream (or, for a bug, its source)</th><th>read as</th></tr>\n"
        for review in project.reviews {
            let h = review.header
            let readAs = h.kind != .bug ? "<a href=\"\(Self.escape(h.id))/\(Self.escape(pageName(project.chapters.first ?? review.document)))\">chapters</a>" : "must-fail"
            body += "<tr><td><a href=\"review/\(Self.escape(h.id)).html\">\(Self.escape(h.id))</a></td><td>\(Self.escape(h.title))</td><td>\(Self.escape(h.reviewer))</td><td>\(Self.escape(h.kind == .bug ? "bug" : h.status.rawValue))</td><td>\(Self.escape(h.kind == .bug ? h.source : h.upstream))</td><td>\(readAs)</td></tr>\n"
        }
        body += "</table>\n"
        if history != nil {
            body += "<h2>The series' history</h2>\n<p><a href=\"history.html\">Every step from the RFC to the fixes after Linux 6.4</a>, with the bugs the explorer finds on each.</p>\n"
        }
        if kernelFigures != nil {
            body += "<h2>Benchmarks</h2>\n<p><a href=\"\(Self.kernelFiguresPath)\">The model under load, beside the kernel</a>: how much fault throughput a writer costs this machine's kernel and each model, and how faults scale with threads.</p>\n"
        }
        if !mutation.isEmpty {
            body += "<h2>Mutation testing</h2>\n<p>Every protection of each variant taken away in turn, and the scenario that notices.</p>\n<ul>\n"
            for table in mutation {
                body += "<li><a href=\"mutation/\(Self.escape(table.variant)).html\">\(Self.escape(table.summary))</a>\(table.current ? "" : " (earlier code)")</li>\n"
            }
            body += "</ul>\n"
        }
        return page(title: "Per-VMA locks", variant: nil, body: body, nav: "", depth: 0)
    }

    func page(title: String, variant: String?, body: String, nav: String, depth: Int = 1) -> String {
        let up = String(repeating: "../", count: depth)
        let badge = variant.map { "<p class=\"badge\">variant <code>\(Self.escape($0))</code></p>" } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title.replacingOccurrences(of: "`", with: "")))</title><link rel="stylesheet" href="\(up)style.css"></head>
        <body>\(nav)\(badge)<main>
        \(body)</main>\(nav)</body></html>

        """
    }

    /// A heading's text as HTML: escaped, with its `code spans` set as code.
    static func inline(_ text: String) -> String {
        let parts = escape(text).split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count % 2 == 1 else { return escape(text) }
        return parts.enumerated().map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }.joined()
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """
    body { font: 17px/1.6 Georgia, serif; color: #222; background: #fdfcf8; max-width: 60rem; margin: 0 auto; padding: 1rem 2rem; }
    main { margin: 1.5rem 0; }
    h1, h2, h3 { font-family: system-ui, sans-serif; line-height: 1.25; }
    code, pre { font: 14px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; }
    pre { background: #f3f1ea; border: 1px solid #e2ddd0; border-radius: 6px; padding: .8rem 1rem; overflow-x: auto; }
    :not(pre) > code { background: #f0ede4; padding: .05rem .3rem; border-radius: 3px; }
    pre code.language-swift-replacement { display: block; border-left: 4px solid #2d8a4e; padding-left: .6rem; }
    pre code.language-swift-base { display: block; border-left: 4px solid #b5452f; padding-left: .6rem; opacity: .8; }
    pre code.language-output::before { content: "output"; display: block; color: #777; font-size: 12px; }
    table { border-collapse: collapse; margin: 1rem 0; font-size: 15px; }
    th, td { border: 1px solid #ddd6c4; padding: .3rem .6rem; text-align: left; vertical-align: top; }
    th { background: #f0ede4; }
    nav { font-family: system-ui, sans-serif; font-size: 14px; display: flex; gap: 1rem; flex-wrap: wrap; border-bottom: 1px solid #e2ddd0; padding: .4rem 0; }
    nav .variants { margin-left: auto; }
    nav a { color: #1f5f99; }
    .badge { font-family: system-ui, sans-serif; font-size: 13px; color: #666; }
    tr.equivalent td { color: #666; }
    tr.problem td { background: #fbe3df; }
    td.missed { background: #fbe3df; }
    svg.chart { display: block; width: 100%; max-width: 680px; margin: 1.5rem 0; font: 12px system-ui, sans-serif; }
    svg.chart .chart-title { font-size: 14px; font-weight: 600; }
    """
}
