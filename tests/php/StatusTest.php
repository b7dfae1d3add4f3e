<?php
use PHPUnit\Framework\TestCase;

final class StatusTest extends TestCase
{
    public function test_outcome_of_groups_statuses(): void
    {
        $this->assertSame('success', Systempay\outcome_of('AUTHORISED'));
        $this->assertSame('pending', Systempay\outcome_of('AUTHORISED_TO_VALIDATE'));
        $this->assertSame('cancelled', Systempay\outcome_of('ABANDONED'));
        $this->assertSame('failure', Systempay\outcome_of('CAPTURE_FAILED'));
        $this->assertSame('pending', Systempay\outcome_of('SOMETHING_NEW'));
    }

    public function test_decide_transition_only_moves_forward(): void
    {
        foreach ([[null, 'AUTHORISED', 'apply'], ['AUTHORISED', 'AUTHORISED', 'duplicate'], ['AUTHORISED', 'CAPTURED', 'apply'],
                  ['CAPTURED', 'WAITING_AUTHORISATION', 'stale'], ['REFUSED', 'AUTHORISED', 'reopen'], ['AUTHORISED', 'CANCELLED', 'revoke'],
                  ['ABANDONED', 'REFUSED', 'stale']] as [$recorded, $incoming, $expected]) {
            $this->assertSame($expected, Systempay\decide_transition($recorded, $incoming), "$recorded -> $incoming");
        }
    }

    public function test_decide_transition_weighs_the_source(): void
    {
        $this->assertSame('stale', Systempay\decide_transition('CANCELLED', 'AUTHORISED', 'RETRY'));
        $this->assertSame('stale', Systempay\decide_transition('CANCELLED', 'AUTHORISED', 'RETURN'));
        $this->assertSame('review', Systempay\decide_transition('CANCELLED', 'AUTHORISED', 'BO'));
        $this->assertSame('reopen', Systempay\decide_transition('REFUSED', 'AUTHORISED', 'RETRY'));
        $this->assertSame('review', Systempay\decide_transition('REFUSED', 'AUTHORISED', 'BATCH_AUTO'));
        $this->assertSame('stale', Systempay\decide_transition('AUTHORISED', 'REFUSED', 'PAY'));
        $this->assertSame('review', Systempay\decide_transition(null, 'PARTIALLY_AUTHORISED'));
    }

    public function test_transition_plan_says_what_happens_to_the_order(): void
    {
        $this->assertSame(['decision' => 'revoke', 'order' => 'revoked', 'stock' => 'restored', 'history' => true, 'alert' => true],
            Systempay\transition_plan('CAPTURED', 'CANCELLED', 'BO'));
        $this->assertSame(['decision' => 'stale', 'order' => null, 'stock' => null, 'history' => false, 'alert' => false],
            Systempay\transition_plan('CANCELLED', 'AUTHORISED', 'RETRY'));
    }

    public function test_refund_summary_adds_up_in_minor_units(): void
    {
        $this->assertSame(['refunded' => 1500, 'remaining' => 3500, 'full' => false, 'over' => false], Systempay\refund_summary(5000, [1000, 500]));
        $this->assertSame(['refunded' => 5000, 'remaining' => 0, 'full' => true, 'over' => false], Systempay\refund_summary(5000, [1000, 4000]));
        $this->expectException(Systempay\InvalidArgumentException::class);
        Systempay\refund_summary(5000, [0]);
    }
}
