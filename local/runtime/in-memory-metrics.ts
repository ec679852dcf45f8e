import type { MetricName, MetricsPort } from '../../shared/observability/metrics';

/** Keeps what was recorded: the local runtime's metrics, and the tests' window on them. */
export class InMemoryMetrics implements MetricsPort {
  readonly recorded: { name: MetricName; value: number }[] = [];

  add(name: MetricName, value: number): void {
    this.recorded.push({ name, value });
  }

  /** The values recorded under one name, in order. */
  values(name: MetricName): number[] {
    return this.recorded.filter((metric) => metric.name === name).map((metric) => metric.value);
  }
}
