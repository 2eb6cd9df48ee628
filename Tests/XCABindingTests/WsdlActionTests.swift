import Foundation
import Testing
import XCAModel
import XCAXML

/// Every action the binding sends or accepts is declared in Wsdl/, and Wsdl/ declares no action the binding does
/// not know.
@Suite("Wsdl/ and the binding agree")
struct WsdlActionTests {
    static let wsdlFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Wsdl")

    /// wsam:Action of every input and output, and soap12:operation/@soapAction, of every WSDL in Wsdl/.
    static func declaredActions() throws -> (actions: Set<String>, soapActions: Set<String>) {
        let files = try FileManager.default.contentsOfDirectory(atPath: wsdlFolder.path).filter { $0.hasSuffix(".wsdl") }
        #expect(files.count == 3)
        var actions: Set<String> = []
        var soapActions: Set<String> = []
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: wsdlFolder.appendingPathComponent(file)))
            let reader = try XMLStreamReader(bytes)
            while try reader.nextStartElement() {
                if let action = reader.attribute("Action", namespace: "http://www.w3.org/2007/05/addressing/metadata") {
                    actions.insert(action)
                }
                if reader.nameEquals("operation", namespace: "http://schemas.xmlsoap.org/wsdl/soap12/"),
                    let soapAction = reader.attribute("soapAction")
                {
                    soapActions.insert(soapAction)
                }
            }
        }
        return (actions, soapActions)
    }

    @Test func everyTransactionActionIsDeclared() throws {
        let (actions, soapActions) = try Self.declaredActions()
        let binding = Set(Transaction.allCases.flatMap { [$0.requestAction, $0.responseAction] })
        #expect(binding.subtracting(actions).isEmpty, "actions the binding uses but Wsdl/ lacks")
        #expect(actions.subtracting(binding).isEmpty, "actions Wsdl/ declares that the binding does not know")
        #expect(soapActions == Set(Transaction.allCases.map(\.requestAction)))
    }
}
