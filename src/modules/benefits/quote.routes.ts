/** HTTP for the quotes: POST /api/pension/quote and POST /api/unemployment/quote, the same input and answer as the CLI. */
import { requestLanguage, type App } from '../../platform/http/server.ts';
import { PensionQuote, PensionQuoteInput, UnemploymentQuote, UnemploymentQuoteInput } from './quote.schemas.ts';
import { pensionQuote } from './pension/quote.service.ts';
import { unemploymentQuote } from './unemployment/quote.service.ts';

const tags = ['benefits'];

export async function quoteRoutes(app: App) {
  app.post('/api/pension/quote', { config: { permission: 'benefits.read' },
    schema: { tags, summary: '养老金测算 Pension quote: statutory retirement age and month, eligibility, basic, account and transitional pension, with the trace of every step and its legal source', body: PensionQuoteInput, response: { 200: PensionQuote } },
  }, async (request) => pensionQuote(request.body, requestLanguage(request)));
  app.post('/api/unemployment/quote', { config: { permission: 'benefits.read' },
    schema: { tags, summary: '失业保险金测算 Unemployment benefit quote: eligibility, months and the region\'s monthly amount', body: UnemploymentQuoteInput, response: { 200: UnemploymentQuote } },
  }, async (request) => unemploymentQuote(request.body, requestLanguage(request)));
}
