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
}
