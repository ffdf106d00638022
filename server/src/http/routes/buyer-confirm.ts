import { Router, type Request } from 'express';
import { everyone } from '../access.js';
import { buyerAnswerSchema, type BuyerCode } from '@dealboard/shared';
import { BuyerConfirm } from '../../buyer/buyer-confirm.js';
import { parseInput } from '../../core/validate.js';
import { addressOf, bearer, boothFromRequest } from '../auth.js';
import { param, type RouteDeps } from './deps.js';

/**
 * The buyer's confirmation: a booth asks for a deal's code (its bearer token), the buyer's
 * phone reads and answers it with nothing but the code (no login, no app).
 */
export function buyerConfirmRoutes(deps: RouteDeps): Router {
  const r = Router();
  const confirm = new BuyerConfirm(deps.db, deps.ledger, deps.booths);
  const requester = (req: Request) => ({ token: bearer(req), address: addressOf(req), userAgent: req.get('user-agent') ?? '' });

  r.post('/operator/deals/:dealId/buyer-code', everyone, async (req, res) => {
    const booth = await boothFromRequest(req, deps.booths);
    const code = await confirm.issue(booth, param(req, 'dealId'), requester(req));
    const url = `${deps.baseUrl()}/confirm/${code}`;
    const qrSvg = await (await import('qrcode')).default.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    res.set('Cache-Control', 'no-store').status(201).json({ url, qrSvg } satisfies BuyerCode);
  });

  r.get('/confirm/:code', everyone, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await confirm.view(param(req, 'code')));
  });

  r.post('/confirm/:code', everyone, async (req, res) => {
    const deal = await confirm.answer(param(req, 'code'), parseInput(buyerAnswerSchema, req.body), requester(req));
    res.json({ buyerState: deal.setAside ? null : deal.buyerState, status: deal.status, setAside: deal.setAside });
  });
  return r;
}
