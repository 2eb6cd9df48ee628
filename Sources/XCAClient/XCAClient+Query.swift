import Foundation
import NIOCore
import XCABinding
import XCAModel
import XCASOAP
import XCATransport

extension XCAClient {
    /// ITI-38 Cross Gateway Query (ITI TF-2 3.38): checks `query`, sends it, and returns the answer. The answer's
    /// status and RegistryErrors are in the outcome (PartialSuccess is an answer, not an error).
    ///
    /// - Throws: ``XCAClientError/Code/invalidInput`` before any call; otherwise the call's failure.
    public func query(_ query: DocumentQuery) async throws(XCAClientError) -> QueryOutcome {
        try await self.query(try query.request())
    }

    /// Sends a prepared AdhocQueryRequest (checked first, as the gateway would).
    public func query(_ request: CrossGatewayQueryRequest) async throws(XCAClientError) -> QueryOutcome {
        let problems = request.validate(location: "")
        guard problems.isEmpty else { throw XCAClientError.invalidInput(problems) }
        let url = configuration.endpoints.query
        let host = Self.host(of: url)
        let limit = configuration.maxQueryResponseBytes
        do {
            let envelope = try request.encode(addressing: .request(action: Transaction.iti38.requestAction, to: url))
            let answer = try await post(
                envelope,
                action: Transaction.iti38.requestAction,
                to: url,
                deadline: .now + configuration.timeout
            )
            let contentType = try Self.soapContentType(of: answer, host: host)
            // Some gateways answer queries as MTOM too: the envelope is then the root part.
            var reader = try MTOMReader(
                contentType: contentType,
                body: answer.body,
                limits: MultipartLimits(maxRootPartSize: limit)
            )
            let root = try await reader.readRootPart()
            let (_, response) = try CrossGatewayQueryResponse.decode(Array(buffer: root.body))
            return QueryOutcome(response: response)
        } catch {
            throw XCAClientError.translating(error, host: host)
        }
    }

    /// The names of the communities behind the gateway, by homeCommunityId, when it says (this project's gateway
    /// answers `GET /status` next to its query endpoint); empty for a gateway that does not. Never throws: the
    /// names only make a table easier to read.
    public func communityNames() async -> [HomeCommunityID: String] {
        let query = configuration.endpoints.query
        guard query.hasSuffix("/xca") else { return [:] }
        let url = String(query.dropLast(4)) + "/status"
        struct Status: Decodable {
            struct Community: Decodable {
                var name: String
                var homeCommunityId: String
            }
            var communities: [Community]
        }
        do {
            let answer = try await http.execute(
                CommunityHTTPRequest(method: .get, url: url),
                tls: tls,
                deadline: .now + min(configuration.timeout, .seconds(5))
            )
            guard answer.status.code == 200 else { return [:] }
            let body = try await answer.body.collect(upTo: 4 << 20)
            let status = try JSONDecoder().decode(Status.self, from: Data(body.readableBytesView))
            var names: [HomeCommunityID: String] = [:]
            for community in status.communities {
                names[HomeCommunityID(rawValue: community.homeCommunityId)] = community.name
            }
            return names
        } catch {
            return [:]
        }
    }
}
