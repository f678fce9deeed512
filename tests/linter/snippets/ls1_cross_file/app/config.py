import json

from .util import read_file


def load_config(path):
    return json.loads(read_file(path))


def parse(text):
    return json.loads(text)
