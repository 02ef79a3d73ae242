// WorkerPool — Tesseract workers shared by the threads of one Engine. A thread borrows a worker
// for one document and gives it back; workers are created on demand, so the pool grows to the
// number of threads that actually run OCR at once and no Tesseract instance is ever shared.
//
// Thread-safety: Acquire may be called from any thread; the lease is used by its thread only.
#ifndef VANBAN_PIPELINE_OCR_WORKER_POOL_H_
#define VANBAN_PIPELINE_OCR_WORKER_POOL_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pipeline/ocr/tesseract_worker.h"

namespace vanban::ocr {

class WorkerPool {
 public:
  class Lease {
   public:
    Lease(WorkerPool* pool, std::unique_ptr<TesseractWorker> worker) : pool_(pool), worker_(std::move(worker)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (worker_) pool_->Return(std::move(worker_));
    }
    TesseractWorker* operator->() { return worker_.get(); }

   private:
    WorkerPool* pool_;
    std::unique_ptr<TesseractWorker> worker_;
  };

  WorkerPool(std::string tessdata_dir, std::string language)
      : tessdata_dir_(std::move(tessdata_dir)), language_(std::move(language)) {}

  // Checks that the language data loads by creating the first worker.
  Status Warm();
  StatusOr<Lease> Acquire();

 private:
  void Return(std::unique_ptr<TesseractWorker> worker);

  const std::string tessdata_dir_;
  const std::string language_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<TesseractWorker>> idle_;
};

}  // namespace vanban::ocr

#endif  // VANBAN_PIPELINE_OCR_WORKER_POOL_H_
