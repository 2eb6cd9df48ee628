import ArgumentParser
import Foundation
import XCAClient
import XCAModel

/// `xca-gateway query --patient NHS [--type …] [--community HCID] [--json]`: ITI-38 to a gateway as a consumer
/// would, the answer as a table (or JSON lines), the status and RegistryErrors on stderr.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ask a gateway what it holds for a patient (ITI-38 Cross Gateway Query).",
        discussion: """
            Prints one row per DocumentEntry (and SubmissionSet or Folder): date (creationTime, else \
            serviceStartTime), community (its name when the gateway's /status tells, else its homeCommunityId), \
            kind ("imaging manifest" for an XDS-I.b KOS, else the type code), title, study UID, size. The status \
            and every RegistryError (code, severity, location) go to stderr. GetDocuments asks one community \
            (--community) for --document uniqueIds or --uuid entryUUIDs. Input is checked before anything is \
            sent. Exit: 0 Success, 2 PartialSuccess, 1 Failure or no answer, 64 invalid input.
            """
    )

    @Option(help: "The patient's NHS number (10 digits; spaces allowed).")
    var patient: String?

    @Option(help: "The stored query: \(DocumentQuery.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var type: String = DocumentQuery.Kind.findDocuments.rawValue

    @Option(help: "Ask only this community (homeCommunityId, urn:oid:…); required by GetDocuments.")
    var community: String?

    @Option(name: .customLong("document"), help: "GetDocuments: a document uniqueId (repeatable).")
    var documents: [String] = []

    @Option(name: .customLong("uuid"), help: "GetDocuments: a DocumentEntry entryUUID (repeatable).")
    var uuids: [String] = []

    @Flag(help: "JSON lines, one object per row, instead of the table.")
    var json = false

    @Flag(help: "Add the document uniqueId, repositoryUniqueId and homeCommunityId columns (what retrieve needs).")
    var wide = false

    @OptionGroup var connection: ClientConnectionOptions

    func run() async throws {
        guard
            let kind = DocumentQuery.Kind(rawValue: type)
                ?? DocumentQuery.Kind.allCases.first(where: { $0.rawValue.lowercased() == type.lowercased() })
        else {
            ClientOutput.error(
                "--type: expected one of \(DocumentQuery.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
            throw ClientOutput.usage
        }
        let nhsNumber = patient.map(NHSNumber.normalising)
        let query = DocumentQuery(
            kind,
            patient: nhsNumber,
            community: community.map(HomeCommunityID.init(rawValue:)),
            documentUniqueIDs: documents.map(DocumentUniqueID.init(rawValue:)),
            entryUUIDs: uuids.map(EntryUUID.init(rawValue:))
        )
        // Checked here too, so that nothing (not even the community names) is asked for on bad input.
        do {
            _ = try query.request()
        } catch {
            ClientOutput.error(error.message)
            throw ClientOutput.usage
        }
        try await connection.run { client throws(XCAClientError) in
            let outcome = try await client.query(query)
            let names = await client.communityNames()
            let rows = outcome.rows.enumerated()
                .sorted { ($0.element.date ?? "", $1.offset) > ($1.element.date ?? "", $0.offset) }
                .map(\.element)
            if json {
                for row in rows { print(Self.json(row, names: names)) }
            } else if !rows.isEmpty {
                print(Self.table(rows, names: names, wide: wide))
            }
            let communities = Set(rows.compactMap(\.homeCommunityID)).count
            ClientOutput.report(
                outcome.status,
                summary:
                    "\(rows.count) \(rows.count == 1 ? "entry" : "entries") from \(communities) \(communities == 1 ? "community" : "communities")",
                errors: outcome.errors,
                names: names,
                redacting: nhsNumber
            )
            return ClientOutput.exitCode(for: outcome.status)
        }
    }

    static func table(_ rows: [QueryRow], names: [HomeCommunityID: String], wide: Bool) -> String {
        var header = ["DATE", "COMMUNITY", "KIND", "TITLE", "STUDY UID", "SIZE"]
        if wide { header += ["DOCUMENT UID", "REPOSITORY", "HOME"] }
        let cells = rows.map { row in
            var cells = [
                row.displayDate ?? "-",
                community(row, names: names),
                row.kindDescription,
                row.title ?? "-",
                row.studyInstanceUID?.rawValue ?? "-",
                row.size.map(ClientOutput.size) ?? "-",
            ]
            if wide {
                cells += [
                    row.uniqueID?.rawValue ?? "-", row.repositoryUniqueID?.rawValue ?? "-",
                    row.homeCommunityID?.rawValue ?? "-",
                ]
            }
            return cells
        }
        return ClientOutput.table(header, cells)
    }

    static func community(_ row: QueryRow, names: [HomeCommunityID: String]) -> String {
        guard let home = row.homeCommunityID else { return "-" }
        return names[home] ?? home.rawValue
    }

    /// One JSON object per row; keys always present (null when unknown).
    static func json(_ row: QueryRow, names: [HomeCommunityID: String]) -> String {
        struct Line: Encodable {
            var date: String?
            var community: String?
            var homeCommunityId: String?
            var kind: String
            var title: String?
            var studyInstanceUID: String?
            var size: Int?
            var documentUniqueId: String?
            var repositoryUniqueId: String?
            var entryUUID: String?
            var mimeType: String?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(date, forKey: .date)
                try container.encode(community, forKey: .community)
                try container.encode(homeCommunityId, forKey: .homeCommunityId)
                try container.encode(kind, forKey: .kind)
                try container.encode(title, forKey: .title)
                try container.encode(studyInstanceUID, forKey: .studyInstanceUID)
                try container.encode(size, forKey: .size)
                try container.encode(documentUniqueId, forKey: .documentUniqueId)
                try container.encode(repositoryUniqueId, forKey: .repositoryUniqueId)
                try container.encode(entryUUID, forKey: .entryUUID)
                try container.encode(mimeType, forKey: .mimeType)
            }

            enum CodingKeys: String, CodingKey {
                case date, community, homeCommunityId, kind, title, studyInstanceUID, size, documentUniqueId,
                    repositoryUniqueId, entryUUID, mimeType
            }
        }
        let line = Line(
            date: row.isoDate,
            community: row.homeCommunityID.flatMap { names[$0] },
            homeCommunityId: row.homeCommunityID?.rawValue,
            kind: row.kindDescription,
            title: row.title,
            studyInstanceUID: row.studyInstanceUID?.rawValue,
            size: row.size,
            documentUniqueId: row.uniqueID?.rawValue,
            repositoryUniqueId: row.repositoryUniqueID?.rawValue,
            entryUUID: row.entryUUID?.rawValue,
            mimeType: row.mimeType
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(line)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
