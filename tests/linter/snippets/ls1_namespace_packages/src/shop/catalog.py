import json


def load_prices() -> dict:
    with open("prices.json") as f:
        return json.load(f)
