import CoreMetrics

/// The gauges of one metric whose label sets follow the gateway's state (communities, audit sinks, certificates):
/// set at scrape time; a label set that is gone (a community removed, a certificate replaced) is unregistered, so
/// the scrape never shows a stale series.
struct LabelledGauges {
    let metric: GatewayMetric
    private var gauges: [[String]: CoreMetrics.Gauge] = [:]

    init(_ metric: GatewayMetric) {
        self.metric = metric
    }

    /// Sets every series of `values` (keyed by the metric's label values, in its label order) and drops the rest.
    mutating func set(_ values: [[String]: Double], factory: GatewayMetricsFactory) {
        for (labels, value) in values {
            let gauge =
                gauges[labels]
                ?? {
                    let made = CoreMetrics.Gauge(
                        label: metric.name,
                        dimensions: Array(zip(metric.labels, labels)),
                        factory: factory
                    )
                    gauges[labels] = made
                    return made
                }()
            gauge.record(value)
        }
        for (labels, gauge) in gauges where values[labels] == nil {
            gauge.destroy()
            gauges[labels] = nil
        }
    }
}
