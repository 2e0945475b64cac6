/// The series' history as the book shows it: each step of the line with what the explorer found
/// there, and for each fix the failing schedule of the step before it (replay token and trace).
public struct HistoryPage: Sendable {
    public struct Step: Sendable {
        public var id: String
        public var date: String
        public var reference: String
        public var title: String
        /// Lines under the step: what it fixes, the scenarios that fail there, what is pending.
        public var details: [String]

        public init(id: String, date: String, reference: String, title: String, details: [String]) {
            (self.id, self.date, self.reference, self.title, self.details) = (id, date, reference, title, details)
        }
    }

    /// A bug as the step before its fix shows it.
    public struct Schedule: Sendable {
        public var scenario: String
        /// The step it fails on, and the step that fixes it.
        public var failsOn: String
        public var fixedIn: String
        public var failure: String
        public var replayToken: String
        public var trace: [String]

        public init(scenario: String, failsOn: String, fixedIn: String, failure: String, replayToken: String, trace: [String]) {
            (self.scenario, self.failsOn, self.fixedIn, self.failure, self.replayToken, self.trace) = (scenario, failsOn, fixedIn, failure, replayToken, trace)
        }
    }

    public var steps: [Step]
    public var schedules: [Schedule]

    public init(steps: [Step], schedules: [Schedule]) {
        self.steps = steps
        self.schedules = schedules
    }
}

extension Book {
    func historyPage(_ history: HistoryPage) -> String {
        var body = "<h1>The series' history</h1>\n<p>Each step of the per-VMA lock series as a variant of the model, oldest first: the RFC, the postings, Linux 6.4.0 and the fixes after it. Under each, the scenarios that fail there; a fix's scenarios fail on every step before it and pass from it on.</p>\n<table><tr><th>step</th><th>date</th><th>commit or mail</th><th>what changed</th></tr>\n"
        for step in history.steps {
            let link = project.review(id: step.id) == nil ? Self.escape(step.id) : "<a href=\"review/\(Self.escape(step.id)).html\">\(Self.escape(step.id))</a>"
            let details = step.details.map { "<br><small>\(Self.escape($0))</small>" }.joined()
            body += "<tr><td>\(link)</td><td>\(Self.escape(step.date))</td><td><code>\(Self.escape(step.reference))</code></td><td>\(Self.escape(step.title))\(details)</td></tr>\n"
        }
        body += "</table>\n"
        if !history.schedules.isEmpty { body += "<h2>Each bug, on the step before its fix</h2>\n" }
        for schedule in history.schedules {
            body += "<h3><code>\(Self.escape(schedule.scenario))</code> on <code>\(Self.escape(schedule.failsOn))</code>, fixed in <code>\(Self.escape(schedule.fixedIn))</code></h3>\n"
            body += "<p>\(Self.escape(schedule.failure))</p>\n<pre><code>vmaspec explore \(Self.escape(schedule.scenario)) --variant \(Self.escape(schedule.failsOn)) --replay \(Self.escape(schedule.replayToken))\n\n"
            body += schedule.trace.map(Self.escape).joined(separator: "\n") + "</code></pre>\n"
        }
        return page(title: "The series' history", variant: nil, body: body, nav: "<nav><a href=\"index.html\">contents</a></nav>", depth: 0)
    }
}
