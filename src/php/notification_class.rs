//! `Systempay\Notification`: a verified notification or browser return, read-only.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;

use crate::notification::Notification;

#[php_class]
#[php(name = "Systempay\\Notification")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct PhpNotification {
    inner: Notification,
}

impl PhpNotification {
    pub fn new(inner: Notification) -> Self {
        PhpNotification { inner }
    }
}

#[php_impl]
impl PhpNotification {
    /// `success`, `pending`, `cancelled` or `failure`.
    pub fn outcome(&self) -> &'static str {
        self.inner.outcome().as_str()
    }

    /// `vads_trans_status` as received.
    pub fn status(&self) -> String {
        self.inner.status().to_owned()
    }

    /// False for a status this module does not know (its outcome is then `pending`).
    pub fn is_known_status(&self) -> bool {
        self.inner.is_known_status()
    }

    /// True for the server-to-server notification (IPN), false for a browser return.
    pub fn is_server_notification(&self) -> bool {
        self.inner.is_server_notification()
    }

    pub fn order_id(&self) -> Option<String> {
        self.inner.order_id().map(str::to_owned)
    }

    pub fn trans_id(&self) -> String {
        self.inner.trans_id().to_owned()
    }

    pub fn trans_uuid(&self) -> Option<String> {
        self.inner.trans_uuid().map(str::to_owned)
    }

    pub fn site_id(&self) -> String {
        self.inner.site_id().to_owned()
    }

    pub fn ctx_mode(&self) -> String {
        self.inner.ctx_mode().to_owned()
    }

    pub fn amount_minor(&self) -> i64 {
        self.inner.amount_minor()
    }

    /// ISO 4217 numeric code, e.g. `978`.
    pub fn currency(&self) -> String {
        self.inner.currency().to_owned()
    }

    /// `vads_result` (`00` approved, `05` refused, `17` cancelled…).
    pub fn result(&self) -> Option<String> {
        self.inner.result().map(str::to_owned)
    }

    pub fn card_brand(&self) -> Option<String> {
        self.inner.card_brand().map(str::to_owned)
    }

    pub fn masked_card_number(&self) -> Option<String> {
        self.inner.masked_card_number()
    }

    pub fn three_ds_status(&self) -> Option<String> {
        self.inner.threeds_status().map(str::to_owned)
    }

    /// `PAY`, `BO`, `BATCH`, … for a notification; null for a browser return.
    pub fn url_check_src(&self) -> Option<String> {
        self.inner.url_check_src().map(str::to_owned)
    }

    /// Who sent it, for the state machine: `RETURN` for a browser return, else `vads_url_check_src`
    /// (`PAY` when a notification lacks it).
    pub fn source(&self) -> &str {
        self.inner.source()
    }

    /// True for a refund (`vads_operation_type=CREDIT`): its own transaction, recorded on the order.
    pub fn is_credit(&self) -> bool {
        self.inner.is_credit()
    }

    /// False when `source()` comes from a field the message does not sign (a REST notification's kr-src).
    pub fn is_source_signed(&self) -> bool {
        self.inner.is_source_signed()
    }

    /// True for a REST result (embedded form), false for a form API one.
    pub fn is_rest(&self) -> bool {
        self.inner.field(crate::rest_answer::FORMAT_FIELD).is_some()
    }

    pub fn field(&self, name: &str) -> Option<String> {
        self.inner.field(name).map(str::to_owned)
    }

    /// Every received field, sorted by name.
    pub fn to_array(&self) -> PhpResult<ZBox<ZendHashTable>> {
        let mut array = ZendHashTable::with_capacity(u32::try_from(self.inner.fields().len()).unwrap_or(u32::MAX));
        for (name, value) in self.inner.fields() {
            array.insert(name.as_str(), value.as_str())?;
        }
        Ok(array)
    }
}
