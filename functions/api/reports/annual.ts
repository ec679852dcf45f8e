import { composePorts } from '../../../shared/compose-ports';
import { assertCanReadAnnualReport } from '../../../shared/domain/access';
import { annualReportCsv, annualReportFileName } from '../../../shared/domain/annual-report';
import { annualReportSvg } from '../../../shared/domain/report-chart';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { annualReportPathSchema, annualReportQuerySchema } from '../../../shared/schemas/annual-report';
import { annualReport } from '../../../shared/services/annual-report';
import { operationsPorts, registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'annualReport'>) =>
  apiHandler(
    { authorize: assertCanReadAnnualReport, query: annualReportQuerySchema },
    async ({ identity, path, query }) => {
      const { year } = annualReportPathSchema.parse(path);
      const { format } = query;
      const report = await annualReport(ports, identity, year);
      if (format === 'csv') {
        return {
          statusCode: 200,
          contentType: 'text/csv; charset=utf-8',
          fileName: annualReportFileName(year),
          body: annualReportCsv(report),
        };
      }
      if (format === 'svg')
        return { statusCode: 200, contentType: 'image/svg+xml', body: annualReportSvg(report) };
      return { statusCode: 200, body: report };
    },
  );

export const handler = makeHandler(composePorts({ ...registryPorts, ...operationsPorts }));
