from .assignments import (
    Assignment,
    AssignmentRequest,
    AssignmentStatus,
    Declaration,
    DeclarationLine,
    DeclarationStatus,
    ProgressRating,
    ProgressReport,
    RequestKind,
    RequestStatus,
)
from .complaints import Complaint, ComplaintOutcome, ComplaintStatus
from .market import Contract, ContractProduct, Law, Location, Product, ProviderProfile, PurchasingRoute, Tariff
from .messages import Direction, Message, MessageStatus

__all__ = [
    "Assignment",
    "AssignmentRequest",
    "AssignmentStatus",
    "Complaint",
    "ComplaintOutcome",
    "ComplaintStatus",
    "Contract",
    "ContractProduct",
    "Declaration",
    "DeclarationLine",
    "DeclarationStatus",
    "Direction",
    "Law",
    "Location",
    "Message",
    "MessageStatus",
    "Product",
    "ProgressRating",
    "ProgressReport",
    "ProviderProfile",
    "PurchasingRoute",
    "RequestKind",
    "RequestStatus",
    "Tariff",
]
