import time


class PaymentClient:
    def __init__(self, api_key: str):
        self.api_key = api_key

    def charge(self, cents: int) -> dict:
        return self._post("/charges", {"amount": cents})

    def _post(self, path: str, body: dict) -> dict:
        time.sleep(0.2)  # the HTTP round trip of a real SDK
        return {"path": path, **body, "status": "paid"}
