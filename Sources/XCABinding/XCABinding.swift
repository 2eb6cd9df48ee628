import XCAModel
import XCASOAP
import XCAXML

/// ebRIM / ebRS / XDS.b / XDS-I.b ⇄ the model, one folder per transaction.
public enum XCABinding {}
