<?php
/**
 * The README's payment state table ("Payment state table"), written again here from its text and
 * independently of the module and the extension: what one order should look like after each result.
 * The state-table and concurrency tests compare the real shop with it.
 */
final class StateModel
{
    const ANSWERS = array(
        'success' => 'OK-Accepted payment, order has been updated.',
        'failure' => 'OK-Payment failure, order has been cancelled.',
        'cancelled' => 'OK-Payment cancelled, order has been cancelled.',
        'pending' => 'OK-Pending payment, order has been updated.',
        'already_success' => 'OK-Accepted payment, already registered.',
        'duplicate' => 'OK-Payment outcome already registered.',
        'stale' => 'OK-Older payment status ignored, order unchanged.',
        'reopen' => 'OK-Accepted payment after cancellation, order has been updated and flagged.',
        'revoke' => 'OK-Payment cancelled after acceptance, order has been updated and flagged.',
        'review' => 'OK-Payment result recorded for review, order unchanged and flagged.',
    );

    /** @var string|null the last status recorded for the attempt */
    public $recorded = null;
    /** @var list<string> the statuses put up for review so far */
    public $reviewed = array();
    /** @var string pending (as placed), paid, cancelled, revoked */
    public $order = 'pending';
    /** @var string taken (as the shop left it at checkout) or restored */
    public $stock = 'taken';
    public $history = 0;
    public $alerts = 0;
    public $everPaid = false;

    /** paid, partial, pending, notpaid, revoked or unknown (the README's groups). */
    public static function kind($status)
    {
        if (in_array($status, array('AUTHORISED', 'ACCEPTED', 'CAPTURED'), true)) {
            return 'paid';
        }
        if ($status === 'PARTIALLY_AUTHORISED') {
            return 'partial';
        }
        if (in_array($status, array('INITIAL', 'WAITING_AUTHORISATION', 'WAITING_AUTHORISATION_TO_VALIDATE', 'AUTHORISED_TO_VALIDATE',
            'UNDER_VERIFICATION', 'PRE_AUTHORISED', 'SUSPENDED'), true)) {
            return 'pending';
        }
        if (in_array($status, array('REFUSED', 'ABANDONED', 'NOT_CREATED'), true)) {
            return 'notpaid';
        }
        if (in_array($status, array('CANCELLED', 'EXPIRED', 'CAPTURE_FAILED'), true)) {
            return 'revoked';
        }
        return 'unknown';
    }

    /** The platform's outcome of a status: success, failure, cancelled or pending. */
    public static function outcome($status)
    {
        if (in_array($status, array('AUTHORISED', 'ACCEPTED', 'CAPTURED', 'PARTIALLY_AUTHORISED'), true)) {
            return 'success';
        }
        if (in_array($status, array('REFUSED', 'EXPIRED', 'CAPTURE_FAILED'), true)) {
            return 'failure';
        }
        if (in_array($status, array('ABANDONED', 'NOT_CREATED', 'CANCELLED'), true)) {
            return 'cancelled';
        }
        return 'pending';
    }

    /** A message that carries the payment's own result (the buyer's return, PAY, a RETRY of it). */
    private static function paymentResult($source)
    {
        return in_array($source, array('RETURN', 'PAY', 'RETRY'), true);
    }

    public function decide($incoming, $source)
    {
        $decision = $this->table($incoming, $source);
        return $decision === 'review' && in_array($incoming, $this->reviewed, true) ? 'duplicate' : $decision; // each status put up for review once
    }

    private function table($incoming, $source)
    {
        $new = self::kind($incoming);
        if ($this->recorded === null) {
            return $new === 'partial' ? 'review' : 'apply';
        }
        if ($this->recorded === $incoming) {
            return 'duplicate';
        }
        switch (self::kind($this->recorded)) {
            case 'pending':
            case 'unknown':
                if ($new === 'partial') {
                    return 'review';
                }
                return $new === 'unknown' && self::kind($this->recorded) === 'pending' ? 'stale' : 'apply';
            case 'paid':
                if ($new === 'paid') {
                    return $incoming === 'CAPTURED' ? 'apply' : 'stale'; // only a capture follows an authorisation
                }
                return $new === 'revoked' ? 'revoke' : 'stale';
            case 'notpaid':
                if ($new === 'paid') {
                    return self::paymentResult($source) ? 'reopen' : 'review';
                }
                return $new === 'partial' ? 'review' : 'stale';
            case 'revoked':
                if ($new === 'paid' || $new === 'partial') {
                    return self::paymentResult($source) ? 'stale' : 'review';
                }
                return 'stale';
        }
        throw new LogicException('never recorded: ' . $this->recorded);
    }

    /** What the notification URL answers for the result, and the order after it. */
    public function receive($incoming, $source)
    {
        $decision = $this->decide($incoming, $source);
        $recordedOutcome = $this->recorded === null ? 'none' : self::outcome($this->recorded);
        if ($decision === 'duplicate' || $decision === 'stale') {
            return $recordedOutcome === 'success' ? self::ANSWERS['already_success'] : self::ANSWERS[$decision];
        }
        $this->history++;
        if ($decision === 'review') {
            $this->reviewed[] = $incoming;
            $this->alerts++;
            return self::ANSWERS['review'];
        }
        $wasPaid = $this->recorded !== null && self::kind($this->recorded) === 'paid';
        $this->recorded = $incoming;
        switch ($decision) {
            case 'reopen':
                $this->order = 'paid';
                $this->stock = 'taken';
                $this->alerts++;
                $this->everPaid = true;
                return self::ANSWERS['reopen'];
            case 'revoke':
                $this->order = 'revoked';
                $this->stock = 'restored';
                $this->alerts++;
                return self::ANSWERS['revoke'];
        }
        $kind = self::kind($incoming);
        if ($kind === 'paid' && !$wasPaid) {
            $this->order = 'paid';
            $this->stock = 'taken';
            $this->everPaid = true;
        } elseif ($kind === 'notpaid' || $kind === 'revoked') {
            $this->order = 'cancelled';
            $this->stock = 'restored';
        }
        return self::ANSWERS[self::outcome($incoming)];
    }

    /** The outcome recorded for the attempt (none before any result): the buyer's return finishes the checkout on success or pending. */
    public function recordedOutcome()
    {
        return $this->recorded === null ? 'none' : self::outcome($this->recorded);
    }

    public function flagged()
    {
        return $this->alerts > 0;
    }
}
