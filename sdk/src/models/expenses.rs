//! Payloads of `list_expenses`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Request parameters for listing expenses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ListExpenses {
    /// Filters.
    #[schemars(description = "")]
    pub filters: ExpenseFilters,
}

/// Filters to restrict an expense sync
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExpenseFilters {
    /// Used to filter an expense sync to only expenses with a transaction_date that is within a specific time range
    #[serde(default)]
    pub transaction_date: Option<TimeRange>,
}

/// A period of time
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TimeRange {
    /// Start date.
    #[serde(default)]
    #[schemars(description = "")]
    pub start_date: Option<String>,
    /// End date.
    #[serde(default)]
    #[schemars(description = "")]
    pub end_date: Option<String>,
}

/// A representation of an expense or card transaction. The fields provided here are the most commonly occurring across all connectors. For a complete list of fields specific to your connector, please refer to the [info endpoint](#tag/Describe/operation/info).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Expense {
    /// A unique, stable identifier for an expense in the source system. It is important that this does not change over time.
    pub id: String,
    /// A unique, stable identifier for the report that this expense is a part of, if available
    #[serde(default)]
    pub report_id: Option<String>,
    /// The original date in which an employee paid the seller, in ISO 8601 format
    pub transaction_date: String,
    /// The date in which the company paid the expense, whether to the seller or the employee, in 8601 format
    #[serde(default)]
    pub payment_date: Option<String>,
    /// The total amount that the company owes for the expense
    pub total_amount: Amount,
    /// The total amount that the company has paid for the expense so far
    #[serde(default)]
    pub paid_amount: Option<Amount>,
    /// The company that sold the product represented by the expense
    pub seller: Vendor,
    /// A description of the purchase
    pub description: String,
    /// The employee that submitted the expense
    pub submitter: SpendUser,
    /// The type of expense, either `reimbursement` or `card_transaction`
    pub r#type: ExpenseType,
    /// The current state of the expense's approval status
    pub approval_status: ExpenseApprovalStatus,
    /// The current state of the expense's payment status
    pub payment_status: ExpensePaymentStatus,
    /// A URL that directs the user to the expense in the source system
    #[serde(default)]
    pub url: Option<String>,
    /// Attributes specific to the source system, but not to the tenant
    #[serde(default)]
    pub attributes: Option<Map<String, Value>>,
    /// Attributes specific to the tenant
    #[serde(default)]
    pub custom_attributes: Option<Map<String, Value>>,
}

/// An amount used in a financial system
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Amount {
    /// An amount, stored as a decimal string
    pub amount: String,
    /// A currency, in ISO 4217 format
    pub currency: String,
}

/// ExpenseApprovalStatus
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExpenseApprovalStatus {
    /// A unique, stable identifier for the approval status, in the source system. This will often exist when the source system has a concept of "custom" statuses
    #[serde(default)]
    pub id: Option<String>,
    /// A user-friendly display value for the approval status
    #[serde(default)]
    pub display_value: Option<String>,
    /// The raw value used in the source system
    #[serde(default)]
    pub value: Option<String>,
    /// A normalized representation of approval status
    pub normalized_value: NormalizedExpenseApprovalStatus,
}

/// ExpensePaymentStatus
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExpensePaymentStatus {
    /// A unique, stable identifier for the payment status, in the source system. This will often exist when the source system has a concept of "custom" statuses
    #[serde(default)]
    pub id: Option<String>,
    /// A user-friendly display value for the payment status
    #[serde(default)]
    pub display_value: Option<String>,
    /// The raw value used in the source system
    #[serde(default)]
    pub value: Option<String>,
    /// A normalized representation of payment status
    pub normalized_value: NormalizedExpensePaymentStatus,
}

/// Enum representing the different types of expenses
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ExpenseType {
    /// `reimbursement`
    #[serde(rename = "reimbursement")]
    Reimbursement,
    /// `card_transaction`
    #[serde(rename = "card_transaction")]
    CardTransaction,
}

/// NormalizedExpenseApprovalStatus
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum NormalizedExpenseApprovalStatus {
    /// `pending`
    #[serde(rename = "pending")]
    Pending,
    /// `approved`
    #[serde(rename = "approved")]
    Approved,
    /// `rejected`
    #[serde(rename = "rejected")]
    Rejected,
    /// `canceled`
    #[serde(rename = "canceled")]
    Canceled,
    /// `unknown`
    #[serde(rename = "unknown")]
    Unknown,
}

/// NormalizedExpensePaymentStatus
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum NormalizedExpensePaymentStatus {
    /// `paid`
    #[serde(rename = "paid")]
    Paid,
    /// `unpaid`
    #[serde(rename = "unpaid")]
    Unpaid,
}

/// SpendUser
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SpendUser {
    /// An unique, stable identifier for the user, in the source system
    #[serde(default)]
    pub id: Option<String>,
    /// An email for the user
    #[serde(default)]
    pub email: Option<String>,
    /// The full name of the user
    #[serde(default)]
    pub full_name: Option<String>,
    /// The given name of the user
    #[serde(default)]
    pub given_name: Option<String>,
    /// The family name of the user
    #[serde(default)]
    pub family_name: Option<String>,
}

/// An object representing a company
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Vendor {
    /// An identifier for a company, in a source system
    #[serde(default)]
    pub id: Option<String>,
    /// The name of a company
    #[serde(default)]
    pub name: Option<String>,
    /// A description of a company
    #[serde(default)]
    pub description: Option<String>,
}
