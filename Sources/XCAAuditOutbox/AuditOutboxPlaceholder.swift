import XCAAudit
