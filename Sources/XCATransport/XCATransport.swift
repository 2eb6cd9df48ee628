enum XCATransportPlaceholder {}
