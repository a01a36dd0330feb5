"""Errors raised by services. Views turn them into messages or HTTP status codes."""


class ServiceError(Exception):
    """A request that the domain refuses. ``message`` is shown to users (Chinese)."""

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


class PermissionDeniedError(ServiceError):
    def __init__(self, message: str = "您没有执行此操作的权限。", *, code: str = "forbidden"):
        super().__init__(message, code=code)


class StateError(ServiceError):
    """A transition asked of an object in the wrong state."""

    def __init__(self, message: str, *, code: str = "bad_state"):
        super().__init__(message, code=code)


class ConflictError(ServiceError):
    """Someone else changed the object since the user saw it."""

    def __init__(self, message: str, *, code: str = "conflict", current=None):
        super().__init__(message, code=code)
        self.current = current


class GoneError(ServiceError):
    """The object existed but was deleted (a report in the 回收站): answered 410 with the message."""

    def __init__(self, message: str, *, code: str = "gone"):
        super().__init__(message, code=code)
