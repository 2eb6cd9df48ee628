import CoreMetrics
import Prometheus

/// The swift-metrics factory of one gateway's ``PrometheusCollectorRegistry`` (metrics are per gateway instance,
/// never through `MetricsSystem.bootstrap`): `Counter`s become Prometheus counters, `Timer`s duration histograms,
/// non-aggregating `Recorder`s (`Gauge`) gauges — as `PrometheusMetricsFactory` maps them, with each metric's HELP
/// text and buckets taken from the ``GatewayMetric`` catalogue.
struct GatewayMetricsFactory: MetricsFactory {
    let registry: PrometheusCollectorRegistry
    private let help: [String: String]

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        self.help = Dictionary(GatewayMetric.all.map { ($0.name, $0.help) }, uniquingKeysWith: { first, _ in first })
    }

    private func descriptor(_ label: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: label, unitName: "", helpText: help[label] ?? "")
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        guard aggregate else { return registry.makeGauge(descriptor: descriptor(label), labels: dimensions) }
        return registry.makeValueHistogram(
            descriptor: descriptor(label),
            labels: dimensions,
            buckets: GatewayMetric.latencyBuckets.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        )
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        registry.makeDurationHistogram(descriptor: descriptor(label), labels: dimensions, buckets: GatewayMetric.latencyBuckets)
    }

    func destroyCounter(_ handler: any CounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    func destroyRecorder(_ handler: any RecorderHandler) {
        switch handler {
        case let gauge as Prometheus.Gauge: registry.unregisterGauge(gauge)
        case let histogram as ValueHistogram: registry.unregisterValueHistogram(histogram)
        default: break
        }
    }

    func destroyMeter(_ handler: any MeterHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    func destroyTimer(_ handler: any TimerHandler) {
        if let histogram = handler as? DurationHistogram { registry.unregisterDurationHistogram(histogram) }
    }
}
